package io.bizmaster.replay;



public class NoReplayException extends RuntimeException {

    public NoReplayException(String store) {
        super("store '" + store + "' has not been replayed; start one with POST /api/stores/" + store
                + "/replay {\"from\": SEQ}");
    }
}
