package io.bizmaster.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.jms.admin.RMQConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The local RabbitMQ (127.0.0.1:5672, guest/guest, or RABBITMQ_HOST/RABBITMQ_PORT), reached through RabbitMQ's JMS
 * client: skipped with a message when it is absent, failed under {@code CI=true}. Each test gets a queue name of its
 * own and deletes the queue itself.
 */
public final class LocalRabbitMq implements AutoCloseable {

    public static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));

    private final Connection connection;
    private final String queue;

    private LocalRabbitMq(Connection connection) {
        this.connection = connection;
        this.queue = "bizmaster-test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** A JMS connection to the local RabbitMQ, or the test is skipped (failed under CI). */
    public static LocalRabbitMq connect() {
        try {
            Connection connection = connectionFactory().createConnection();
            connection.start();
            return new LocalRabbitMq(connection);
        } catch (JMSException e) {
            String message = "RabbitMQ is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
            if (ExternalDatabases.underCi()) {
                fail(message + ": under CI=true the RabbitMQ tests must run (.ci/run starts it)");
            }
            Assumptions.abort(message + ": skipping the RabbitMQ test");
            throw new IllegalStateException(e);
        }
    }

    static RMQConnectionFactory connectionFactory() {
        RMQConnectionFactory factory = new RMQConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }

    /** A queue name no other test uses. */
    public String queue() {
        return queue;
    }

    public Connection connection() {
        return connection;
    }

    /** Closes the connection and deletes the test's queue (JMS cannot delete one: RabbitMQ's own client does). */
    @Override
    public void close() throws Exception {
        connection.close();
        com.rabbitmq.client.ConnectionFactory amqp = new com.rabbitmq.client.ConnectionFactory();
        amqp.setHost(HOST);
        amqp.setPort(PORT);
        try (com.rabbitmq.client.Connection admin = amqp.newConnection();
             com.rabbitmq.client.Channel channel = admin.createChannel()) {
            channel.queueDelete(queue);
        }
    }
}
