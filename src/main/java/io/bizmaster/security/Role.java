package io.bizmaster.security;

import java.util.Locale;

/**
 * Who may do what over REST and Actuator: a viewer reads, an operator also changes state (and reads); an appcenter
 * may only post commands to the HTTP gateway, as it may only send to {@code biz.commands} on the broker.
 */
public enum Role {
    VIEWER, OPERATOR, APPCENTER;

    /** As Spring Security's authorities name it. */
    public String authority() {
        return "ROLE_" + name();
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
