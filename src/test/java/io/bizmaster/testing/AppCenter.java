package io.bizmaster.testing;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** How a test posts as an AppCenter does: the demo's appcenter user of artemis/artemis-users.properties. */
public final class AppCenter {

    public static final String USER = "appcenter";
    public static final String PASSWORD = "appcenter-demo";

    private AppCenter() {
    }

    /** A CORE JMS client on the broker's TCP acceptor, logged in as the appcenter. */
    public static ActiveMQConnectionFactory core(int brokerPort) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, USER, PASSWORD);
    }

    /** The STOMP CONNECT headers that log in as the appcenter. */
    public static String stompLogin() {
        return "login:" + USER + "\npasscode:" + PASSWORD + "\n";
    }
}
