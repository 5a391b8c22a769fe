package io.bizmaster.migrate;

import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes writes at the broker: the intake route stops (its in-flight batch commits first), so new commands
 * wait in {@code biz.commands}, and the HTTP gateway answers 503 meanwhile ({@link MaintenanceFilter}).
 * Nothing is locked in any database. Not persisted on purpose: a restart starts the intake again.
 */
public class IntakeFreeze {

    static final String INTAKE_ROUTE = "intake";
    private static final Logger LOG = LoggerFactory.getLogger(IntakeFreeze.class);

    private final CamelContext camel;
    private volatile String reason;
    private volatile long retryAfterSeconds = 1;

    public IntakeFreeze(CamelContext camel) {
        this.camel = camel;
    }

    /** Returns once no intake batch is in flight: the log head no longer moves. */
    public void freeze(String reason, long budgetMillis) throws Exception {
        this.retryAfterSeconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(budgetMillis + 999));
        this.reason = reason;
        camel.getRouteController().stopRoute(INTAKE_ROUTE);
        LOG.info("Intake frozen ({}): commands wait in biz.commands", reason);
    }

    public void thaw() throws Exception {
        try {
            camel.getRouteController().startRoute(INTAKE_ROUTE);
        } finally {
            reason = null;
        }
        LOG.info("Intake resumed");
    }

    public boolean frozen() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
