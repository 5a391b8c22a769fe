package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.broker.batch.JmsBatchComponent;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The intake is found by what a route does, not by its id: a route file that renames or splits the intake is still
 * frozen by a cut-over, and one that leaves none, or reads biz.commands some other way, stops start-up saying so.
 */
class IntakeDiscoveryTest {

    private static DefaultCamelContext camel(RouteBuilder routes) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("jms-batch", new JmsBatchComponent(new ActiveMQConnectionFactory("vm://never-started")));
        camel.addRoutes(routes);
        camel.start();
        return camel;
    }

    @Test
    void aRenamedAndASplitIntakeAreBothFound() throws Exception {
        try (DefaultCamelContext camel = camel(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:queue:biz.commands?batchSize=100").routeId("orders-intake").autoStartup(false).to("log:a");
                from("jms-batch:queue:biz.commands?batchSize=10").routeId("second-intake").autoStartup(false).to("log:b");
                from("direct:other").routeId("something-else").to("log:c");
            }
        })) {
            assertThat(PipelineControl.findIntake(camel.getRoutes())).containsExactlyInAnyOrder("orders-intake", "second-intake");
        }
    }

    @Test
    void routesThatLeaveNoIntakeOrReadTheQueueAnotherWayStopStartUp() throws Exception {
        try (DefaultCamelContext camel = camel(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:other").routeId("something-else").to("log:c");
            }
        })) {
            assertThatThrownBy(() -> PipelineControl.findIntake(camel.getRoutes()))
                    .hasMessageContaining("no route consumes jms-batch:queue:biz.commands")
                    .hasMessageContaining("routes/intake.camel.yaml");
        }
        try (DefaultCamelContext camel = camel(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:queue:biz.commands").routeId("intake").autoStartup(false).to("log:a");
                from("seda:biz.commands").routeId("sneaky").autoStartup(false).to("log:b");
            }
        })) {
            assertThatThrownBy(() -> PipelineControl.findIntake(camel.getRoutes()))
                    .hasMessageContaining("route 'sneaky' consumes biz.commands through seda://biz.commands")
                    .hasMessageContaining("the intake must use jms-batch:queue:biz.commands");
        }
    }
}
