package io.bizmaster.coordinate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoordinatorProperties.class)
public class CoordinatorConfiguration {

    @Bean
    @DependsOn("flywayInitializer")
    CoordinatorLease coordinatorLease(DataSource businessStore) {
        return new CoordinatorLease(businessStore);
    }

    /** Closed after the beans that write through it (it releases the lease last). */
    @Bean(destroyMethod = "close")
    Coordinator coordinator(CoordinatorLease lease, CoordinatorProperties settings) {
        return new Coordinator(lease, settings);
    }

    @Bean(destroyMethod = "close")
    CoordinatorRequests coordinatorRequests(DataSource businessStore, Coordinator coordinator, CoordinatorProperties settings) {
        return new CoordinatorRequests(businessStore, coordinator, settings.verbTimeout());
    }

    /**
     * Once the HTTP port is known (the default instance id) and the pipeline runs: take part in the lease. Before the
     * other ready listeners (the migration runner's start), so a single instance recovers as the coordinator.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> coordinatorStarter(Coordinator coordinator, CoordinatorRequests requests,
                                                                  CoordinatorProperties settings, Environment environment) {
        return new CoordinatorStarter(coordinator, requests, settings, environment);
    }

    private record CoordinatorStarter(Coordinator coordinator, CoordinatorRequests requests, CoordinatorProperties settings,
                                      Environment environment) implements ApplicationListener<ApplicationReadyEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            coordinator.start(instanceId(settings, environment));
            requests.start(200);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    static String instanceId(CoordinatorProperties settings, Environment environment) {
        if (!settings.instanceId().isBlank()) {
            return settings.instanceId();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String port = environment.getProperty("local.server.port");
        // Without a web server (no port) the process id: unique, though a restart then waits for the lease to expire.
        return host + ":" + (port != null ? port : "pid" + ProcessHandle.current().pid());
    }
}
