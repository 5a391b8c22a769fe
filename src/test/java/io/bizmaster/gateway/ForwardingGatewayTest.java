package io.bizmaster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.ConfiguredUsers;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.RunningApplication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A BFF posting through the gateway, with a CRM and a shop domain beside the default one: each command goes to the
 * intake of the domain owning its type, through the forwarding rule that names its type, and is logged there.
 */
class ForwardingGatewayTest extends RunningApplication {

    private static final ApplicationFolder OWN = ApplicationFolder.create("bizmaster-forwarding");
    private static final String FILES = "src/test/resources/forwarding/";

    @DynamicPropertySource
    static void twoDomainsAForwardingFileAndABff(DynamicPropertyRegistry registry) {
        OWN.register(registry);
        registry.add("bizmaster.domains.crm.catalog", () -> FILES + "crm-catalog.yaml");
        registry.add("bizmaster.domains.shop.catalog", () -> FILES + "shop-catalog.yaml");
        registry.add("bizmaster.forwarding", () -> FILES + "forwarding.yaml");
        ConfiguredUsers.add(registry, OWN, "bff", "appcenter", "bff-secret-3");
    }

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachCommandIsLoggedInItsDomainForwardedByItsRuleWithTheBffAsSource() {
        String rename = """
                {"id":"fw-1","type":"bff.contact.rename","key":"c-1","source":"browser","issuedAt":"2026-12-01T10:00:00Z",\
                "payload":{"displayName":" Ada King ","avatar":"ada.png"}}""";
        String ordered = """
                {"id":"fw-2","type":"cart.ordered","key":"o-1","source":"shop-front",\
                "payload":{"contact":"c-1","amount":12.30,"currency":"EUR"}}""";
        String registered = """
                {"id":"fw-3","type":"customer.registered","key":"fw-C3","source":"legacy-app","payload":{"name":"Ada",\
                "address":{"street":"1 Main St","zip":"1000","city":"Delft"}}}""";
        String order = """
                {"id":"fw-4","type":"bff.cart.order","key":"o-1","payload":{"contact":"c-1","total":"99.90","currency":"usd"}}""";

        EntityExchangeResult<String> posted = bff().post("/api/commands",
                "[" + rename + ", " + ordered + ",\n" + registered + ", " + order + "]");

        assertThat(posted.getStatus().value()).as(posted.getResponseBody()).isEqualTo(202);
        JsonNode answer = json.readTree(posted.getResponseBody());
        assertThat(answer.path("queued").asInt()).isEqualTo(4);
        assertThat(answer.path("routed")).isEqualTo(json.readTree("""
                [{"id":"fw-1","type":"contact.renamed","domain":"crm","queue":"biz.domain.crm",\
                "forwardedFrom":"bff.contact.rename"},
                 {"id":"fw-2","type":"cart.ordered","domain":"shop","queue":"biz.domain.shop"},
                 {"id":"fw-3","type":"customer.registered","domain":"default","queue":"biz.commands"},
                 {"id":"fw-4","type":"cart.ordered","domain":"shop","queue":"biz.domain.shop",\
                "forwardedFrom":"bff.cart.order"}]"""));

        LogEntry renamed = logged("fw-1");
        assertThat(renamed.domain()).isEqualTo("crm");
        assertThat(renamed.source()).as("a rule's command is sent by the BFF").isEqualTo("bff");
        assertThat(renamed.type()).isEqualTo("contact.renamed");
        assertThat(json.readTree(renamed.body())).isEqualTo(json.readTree("""
                {"id":"fw-1","type":"contact.renamed","key":"c-1","source":"bff","issuedAt":"2026-12-01T10:00:00Z",\
                "payload":{"name":"Ada King"}}"""));

        LogEntry asPosted = logged("fw-2");
        assertThat(asPosted.domain()).isEqualTo("shop");
        assertThat(asPosted.body()).as("a type of the shop goes as posted, byte for byte").isEqualTo(ordered);
        assertThat(asPosted.source()).isEqualTo("shop-front");
        LogEntry forwarded = logged("fw-4");
        assertThat(forwarded.domain()).isEqualTo("shop");
        assertThat(forwarded.domainSeq()).as("the shop's commands in the posted order").isGreaterThan(asPosted.domainSeq());
        assertThat(forwarded.body()).as("decimals as written").isEqualTo("""
                {"id":"fw-4","type":"cart.ordered","key":"o-1","payload":{"contact":"c-1","amount":99.90,"currency":"USD"},\
                "source":"bff"}""");

        LogEntry registeredEntry = logged("fw-3");
        assertThat(registeredEntry.domain()).isNull();
        assertThat(registeredEntry.source()).as("the default domain's commands keep the source posted").isEqualTo("legacy-app");
    }

    @Test
    void aRuleThatCannotMakeItsCommandQueuesNothingOfThePost() {
        String ordered = """
                {"id":"fw-5","type":"cart.ordered","key":"o-5","payload":{"contact":"c-1","amount":1,"currency":"EUR"}}""";
        String order = """
                {"id":"fw-6","type":"bff.cart.order","key":"o-6","payload":{"contact":"c-1","total":"lots","currency":"EUR"}}""";

        EntityExchangeResult<String> posted = bff().post("/api/commands", "[" + ordered + ", " + order + "]");

        assertThat(posted.getStatus().value()).isEqualTo(422);
        assertThat(posted.getResponseBody()).contains("command fw-6", "bff.cart.order -> cart.ordered",
                "payload.amount = decimal(payload.total)", "nothing was queued").doesNotContain("lots");
        // The shop's intake takes its queue in order: once a later command is logged, fw-5 would have been too.
        assertThat(bff().post("/api/commands", ordered.replace("fw-5", "fw-7")).getStatus().value()).isEqualTo(202);
        assertThat(logged("fw-7").domain()).isEqualTo("shop");
        assertThat(log.byCommandId("fw-5")).as("queued with the command its rule could not make").isEmpty();
    }

    /** What an AppCenter of one domain does without the gateway: its commands straight to its domain's queue. */
    @Test
    void thePosterSendsToTheQueueItIsGiven() throws Exception {
        byte[] registered = """
                {"id":"fw-8","type":"contact.registered","key":"c-8","source":"crm-app","payload":{"name":"Grace"}}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(poster.post("biz.domain.crm", CommandSplitter.split(registered))).isEqualTo(1);

        assertThat(logged("fw-8").domain()).isEqualTo("crm");
    }

    private ApiClient bff() {
        return new ApiClient(port, "bff", "bff-secret-3");
    }

    /** The command's one log entry, once the intake has logged it; accepted. */
    private LogEntry logged(String id) {
        Eventually.await(id + " logged", Duration.ofSeconds(30), () -> !log.byCommandId(id).isEmpty(),
                () -> "log head " + log.head());
        List<LogEntry> entries = log.byCommandId(id);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).accepted()).as(entries.get(0).reason()).isTrue();
        return entries.get(0);
    }
}
