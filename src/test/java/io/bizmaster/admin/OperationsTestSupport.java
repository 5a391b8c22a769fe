package io.bizmaster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.ConfiguredUsers;
import io.bizmaster.testing.PrometheusScrape;
import io.bizmaster.testing.RunningApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;


/**
 * One application for the tests that read what Prometheus reads, apart from the shared one so that every count moves
 * for their own messages only: a viewer that scrapes, an operator that runs a migration, and a detached store
 * (modern2) to migrate to. Test classes extending this share it.
 */
abstract class OperationsTestSupport extends RunningApplication {

    private static final ApplicationFolder OWN = ApplicationFolder.create("bizmaster-operations");

    @DynamicPropertySource
    static void ownFolderUsersAndADetachedStore(DynamicPropertyRegistry registry) {
        OWN.register(registry);
        ConfiguredUsers.add(registry, OWN, "grafana", "viewer", "scrape-secret-7");
        ConfiguredUsers.add(registry, OWN, "ops", "operator", "ops-secret-8");
        registry.add("bizmaster.stores.modern2.role", () -> "detached");
        registry.add("bizmaster.stores.modern2.converter", () -> "modern@1");
        registry.add("bizmaster.stores.modern2.connector", () -> "jdbc");
        registry.add("bizmaster.stores.modern2.options.url", () -> "jdbc:h2:file:" + OWN.data().resolve("stores/modern2"));
        registry.add("bizmaster.stores.modern2.options.username", () -> "sa");
    }

    @LocalServerPort
    int port;

    protected int brokerPort() {
        return OWN.brokerPort();
    }

    /** The viewer Prometheus scrapes as. */
    protected ApiClient viewer() {
        return new ApiClient(port, "grafana", "scrape-secret-7");
    }

    protected ApiClient operator() {
        return new ApiClient(port, "ops", "ops-secret-8");
    }

    protected PrometheusScrape scrape() {
        EntityExchangeResult<String> answer = viewer().get("/actuator/prometheus");
        assertThat(answer.getStatus().value()).as("GET /actuator/prometheus as a viewer: " + answer.getResponseBody())
                .isEqualTo(200);
        return PrometheusScrape.parse(answer.getResponseBody());
    }

    protected static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
