package io.bizmaster.broker;

import java.time.Duration;
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
 * A queue's state at the broker, through Artemis' core management API (a request to {@code activemq.management}
 * naming the resource {@code queue.NAME}): the same on the embedded broker (in-VM) and a standalone one, as BizMaster's
 * broker user, which has {@code manage}. What is decided here holds for every instance consuming the queue, which a
 * route stopped in one JVM does not.
 *
 * <p>A pause is persisted ({@code pause(true)}): the broker keeps it across its own restart, so a broker that restarts
 * in the middle of a cut-over's freeze does not start delivering to an instance while the cut-over believes the log
 * head still. A pause that outlives its owner is undone by the owner's bookkeeping (the freeze record, a store's paused
 * flag), never by the broker forgetting it.
 */
public final class BrokerQueueControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerQueueControl.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final String brokerUrl;
    private final String user;
    private final String password;
    private final long timeoutMillis;
    private ServerLocator locator;
    private ClientSessionFactory factory;
    private ClientSession session;
    private ClientRequestor requestor;

    public BrokerQueueControl(String brokerUrl, String user, String password, Duration timeout) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Stops the broker delivering the queue's messages to any consumer; they wait in the queue, in order. */
    public void pause(String queue) {
        invoke(queue, "pause", true);
        LOG.info("Queue {} paused at the broker {}", queue, brokerUrl);
    }

    public void resume(String queue) {
        invoke(queue, "resume");
        LOG.info("Queue {} resumed at the broker {}", queue, brokerUrl);
    }

    public boolean isPaused(String queue) {
        return (Boolean) attribute(queue, "paused");
    }

    /**
     * Messages handed to a consumer and not yet acknowledged: in a transaction not yet committed, and those waiting in a
     * consumer's buffer (prefetched). Zero means no consumer anywhere holds one of the queue's messages.
     */
    public long deliveringCount(String queue) {
        return ((Number) attribute(queue, "deliveringCount")).longValue();
    }

    /** Every message in the queue, delivering ones included. */
    public long messageCount(String queue) {
        return ((Number) attribute(queue, "messageCount")).longValue();
    }

    /** Messages waiting for a delivery time of their own: a redelivery delay after a rollback, or a scheduled send. */
    public long scheduledCount(String queue) {
        return ((Number) attribute(queue, "scheduledCount")).longValue();
    }

    public int consumerCount(String queue) {
        return ((Number) attribute(queue, "consumerCount")).intValue();
    }

    private Object attribute(String queue, String name) {
        return request(queue, name, message -> ManagementHelper.putAttribute(message, ResourceNames.QUEUE + queue, name));
    }

    private void invoke(String queue, String operation, Object... arguments) {
        request(queue, operation, message -> ManagementHelper.putOperationInvocation(message, ResourceNames.QUEUE + queue,
                operation, arguments));
    }

    private interface Request {
        void fill(ClientMessage message) throws Exception;
    }

    private synchronized Object request(String queue, String what, Request request) {
        try {
            return requestOnce(request);
        } catch (Exception first) {
            // A session whose connection the broker dropped (a restart, a failover): one fresh try, no more.
            closeFactory();
            try {
                return requestOnce(request);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(what + " of queue " + queue + " on " + brokerUrl + ": " + e.getMessage(), e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot ask the broker at " + brokerUrl + " for " + what + " of queue " + queue
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private Object requestOnce(Request request) throws Exception {
        ClientRequestor requestor = requestor();
        ClientMessage message = session.createMessage(false);
        request.fill(message);
        ClientMessage reply = requestor.request(message, timeoutMillis);
        if (reply == null) {
            throw new IllegalStateException("no answer within " + timeoutMillis + " ms");
        }
        Object result = ManagementHelper.getResult(reply);
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            // The broker's answer names the reason: no such queue, or no manage permission.
            throw new IllegalStateException("the broker refused: " + result);
        }
        return result;
    }

    /**
     * One session and reply queue kept for every request: a freeze asks for the delivering count every millisecond, and
     * a session with its temporary reply queue per request costs tens of milliseconds under load.
     */
    private ClientRequestor requestor() throws Exception {
        if (requestor == null || session == null || session.isClosed()) {
            closeFactory();
            locator = ActiveMQClient.createServerLocator(brokerUrl).setCallTimeout(timeoutMillis);
            factory = locator.createSessionFactory();
            session = factory.createSession(user, password, false, true, true, false, 0);
            requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS);
            session.start();
        }
        return requestor;
    }

    private void closeFactory() {
        if (requestor != null) {
            try {
                requestor.close();
            } catch (Exception e) {
                LOG.debug("closing the management requestor on {}: {}", brokerUrl, e.getMessage());
            }
            requestor = null;
        }
        if (session != null) {
            try {
                session.close();
            } catch (Exception e) {
                LOG.debug("closing the management session on {}: {}", brokerUrl, e.getMessage());
            }
            session = null;
        }
        if (factory != null) {
            factory.close();
            factory = null;
        }
        if (locator != null) {
            locator.close();
            locator = null;
        }
    }

    @Override
    public synchronized void close() {
        closeFactory();
    }
}
