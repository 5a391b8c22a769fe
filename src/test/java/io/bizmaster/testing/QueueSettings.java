package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * An anycast queue's exclusivity changed on a running broker through its management address. {@code biz.commands} is
 * exclusive in {@code artemis/broker.xml}; a test that needs a second consumer to receive from it (to hold a message,
 * or to measure every instance consuming) makes it shared first.
 */
public final class QueueSettings {

    private QueueSettings() {
    }

    public static void exclusive(String brokerUrl, String user, String password, String queue, boolean exclusive)
            throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 0)) {
            session.start();
            ClientRequestor requestor = new ClientRequestor(session, "activemq.management");
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "updateQueue",
                    QueueConfiguration.of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST).setExclusive(exclusive)
                            .toJSON());
            ClientMessage reply = requestor.request(request, 10_000);
            assertThat(reply).as("the broker's answer to updateQueue " + queue).isNotNull();
            assertThat(ManagementHelper.hasOperationSucceeded(reply)).as(String.valueOf(ManagementHelper.getResult(reply)))
                    .isTrue();
            assertThat(session.queueQuery(SimpleString.of(queue)).isExclusive()).isEqualTo(exclusive);
        }
    }
}
