package io.bizmaster.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Camel's exchanges in the metrics: a Timer {@code camel.exchanges} per route ({@code routeId}) and outcome
 * ({@code failed}), recorded when an exchange completes or fails. An exchange of the intake is one batch of
 * {@code biz.commands}; one of {@code apply-NAME} brings store NAME to the seq its feed message announced.
 *
 * <p>Why not camel-micrometer: its 4.22.0 (the Camel line BizMaster runs) is not served by this project's Maven
 * mirror, and its 4.18.0 starter, the newest that is, brings Camel 4.18 modules onto a 4.22 core (camel-core-languages
 * among them, resolved down to 4.18.0) plus a JMX meter registry and Jackson 2. This notifier measures the same thing
 * under the name and tags camel-micrometer's route metrics use, so that moving to camel-micrometer-starter, once its
 * version for this Camel line is served, changes no dashboard. Registered as a bean: Camel's Spring Boot
 * auto-configuration adds every EventNotifier bean to the context.
 */
public class RouteMetrics extends EventNotifierSupport {

    private final MeterRegistry registry;

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Exchanges' ends only: every other event would cost a call per message for nothing.
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String route = exchange.getFromRouteId();
        if (route == null) {
            return; // an exchange of a producer template (a store's doorbell), not of a route
        }
        Timer.builder("camel.exchanges").description("exchanges of a Camel route, by outcome, and how long each took")
                .tag("routeId", route).tag("failed", String.valueOf(event instanceof CamelEvent.ExchangeFailedEvent))
                .register(registry).record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
    }
}
