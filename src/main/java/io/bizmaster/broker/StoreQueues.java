package io.bizmaster.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one durable queue per store to the feed address. It must exist before the intake publishes:
 * a multicast address drops what no queue is bound to. Works the same on the embedded and an external
 * broker (it needs the createDurableQueue permission there).
 */
public final class StoreQueues {

    private static final Logger LOG = LoggerFactory.getLogger(StoreQueues.class);

    private final String brokerUrl;
    private final String user;
    private final String password;

    public StoreQueues(String brokerUrl, String user, String password) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
    }

    public void bind(String store) {
        SimpleString queue = SimpleString.of(Destinations.storeQueue(store));
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 0)) {
            if (!session.addressQuery(SimpleString.of(Destinations.FEED)).isExists()) {
                session.createAddress(SimpleString.of(Destinations.FEED), RoutingType.MULTICAST, false);
            }
            if (session.queueQuery(queue).isExists()) {
                return;
            }
            session.createQueue(QueueConfiguration.of(queue)
                    .setAddress(Destinations.FEED)
                    .setRoutingType(RoutingType.MULTICAST)
                    .setDurable(true));
            LOG.info("Bound queue {} to {} for store '{}'", queue, Destinations.FEED, store);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the queue of store '" + store + "' on " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the store's queue and what waits in it: the store is no longer fed (detached, or a cancelled migration). */
    public void unbind(String store) {
        SimpleString queue = SimpleString.of(Destinations.storeQueue(store));
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 0)) {
            if (session.queueQuery(queue).isExists()) {
                session.deleteQueue(queue);
                LOG.info("Deleted queue {} of store '{}'", queue, store);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete the queue of store '" + store + "' on " + brokerUrl + ": " + e.getMessage(), e);
        }
    }
}
