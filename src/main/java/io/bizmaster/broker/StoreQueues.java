package io.bizmaster.broker;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one durable queue per store to the feed address. It must exist before the intake publishes:
 * a multicast address drops what no queue is bound to. Works the same on the embedded and an external
 * broker (it needs the createDurableQueue permission there).
 *
 * <p>Each queue is exclusive: when several BizMaster instances share one broker, the broker delivers a store's
 * queue to one consumer at a time and moves to another consumer only when that one goes away (its instance died
 * or stopped the route), so a store is applied by one instance at a time and the others stand by. A queue bound
 * before queues were exclusive is updated through the broker's management address (needs {@code manage}).
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
            QueueConfiguration wanted = QueueConfiguration.of(queue)
                    .setAddress(Destinations.FEED)
                    .setRoutingType(RoutingType.MULTICAST)
                    .setDurable(true)
                    .setExclusive(true);
            ClientSession.QueueQuery found = session.queueQuery(queue);
            if (!found.isExists()) {
                session.createQueue(wanted);
                LOG.info("Bound exclusive queue {} to {} for store '{}'", queue, Destinations.FEED, store);
            } else if (!Boolean.TRUE.equals(found.isExclusive())) {
                makeExclusive(session, wanted);
                LOG.info("Queue {} of store '{}' made exclusive: one instance applies the store at a time", queue, store);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the queue of store '" + store + "' on " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a named command domain's intake queue ({@code biz.domain.NAME}): anycast, durable and exclusive like
     * {@code biz.commands}, so one instance logs the domain's commands in arrival order.
     */
    public void bindIntake(String queueName) {
        SimpleString queue = SimpleString.of(queueName);
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 0)) {
            if (!session.addressQuery(queue).isExists()) {
                session.createAddress(queue, RoutingType.ANYCAST, false);
            }
            if (!session.queueQuery(queue).isExists()) {
                session.createQueue(QueueConfiguration.of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true).setExclusive(true));
                LOG.info("Made intake queue {}", queue);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the intake queue " + queueName + " on " + brokerUrl + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether the store's queue exists and is exclusive (status, tests). */
    public boolean exclusive(String store) {
        SimpleString queue = SimpleString.of(Destinations.storeQueue(store));
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 0)) {
            ClientSession.QueueQuery found = session.queueQuery(queue);
            return found.isExists() && Boolean.TRUE.equals(found.isExclusive());
        } catch (Exception e) {
            throw new IllegalStateException("cannot query the queue of store '" + store + "' on " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    // ClientSession has no updateQueue: the broker's updateQueue operation, through its management address.
    private static void makeExclusive(ClientSession session, QueueConfiguration wanted) throws Exception {
        session.start();
        // Not closed: its close deletes its temporary reply queue explicitly, which needs DELETE_ADDRESS; closing the
        // session removes the temporary queue without it.
        ClientRequestor requestor = new ClientRequestor(session, "activemq.management");
        {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "updateQueue", wanted.toJSON());
            ClientMessage reply = requestor.request(request, 10_000);
            if (reply == null) {
                throw new IllegalStateException("the broker did not answer updateQueue within 10 s");
            }
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("updateQueue refused: " + ManagementHelper.getResult(reply));
            }
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
