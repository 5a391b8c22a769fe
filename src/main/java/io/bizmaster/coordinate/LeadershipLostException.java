package io.bizmaster.coordinate;

/** A coordinator's write refused: another instance holds the lease now (a higher epoch), so this one must not act. */
public class LeadershipLostException extends IllegalStateException {

    public LeadershipLostException(String message) {
        super(message);
    }
}
