package io.bizmaster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.ConfiguredUsers;
import io.bizmaster.testing.RunningApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The OpenAPI description against the running application: every {@code /api} endpoint Spring maps (found from its
 * handler mapping, so a new one cannot be forgotten) is documented with a summary, its parameters, its request body's
 * content types and its error answers; the errors the API really gives are among the documented ones; a viewer reads
 * the description and Swagger UI, nobody else does.
 */
class ApiDocumentationTest extends RunningApplication {

    private static final ApplicationFolder OWN = ApplicationFolder.create("bizmaster-openapi");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void ownFolderAndUsers(DynamicPropertyRegistry registry) {
        OWN.register(registry);
        ConfiguredUsers.add(registry, OWN, "reader", "viewer", "reader-secret-4");
        ConfiguredUsers.add(registry, OWN, "ops", "operator", "ops-secret-5");
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @LocalServerPort
    int port;

    private ApiClient viewer;
    private ApiClient operator;
    private JsonNode docs;

    @BeforeEach
    void readTheDescription() {
        viewer = new ApiClient(port, "reader", "reader-secret-4");
        operator = new ApiClient(port, "ops", "ops-secret-5");
        docs = viewer.getJson("/v3/api-docs");
    }

    private record Endpoint(String method, String path, Set<String> pathVariables, boolean takesInput) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** Every handler BizMaster maps under /api. */
    private List<Endpoint> mapped() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("io.bizmaster")) {
                continue;
            }
            HandlerMethod handler = entry.getValue();
            // Input is what the caller sends (a path variable, a parameter, a body), not who the caller is.
            boolean takesInput = java.util.Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> !java.security.Principal.class.isAssignableFrom(p.getParameterType()));
            for (String path : entry.getKey().getPathPatternsCondition().getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                Set<String> variables = new TreeSet<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
                while (m.find()) {
                    variables.add(m.group(1));
                }
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoint(method.name().toLowerCase(Locale.ROOT), path, variables, takesInput));
                }
            }
        }
        assertThat(endpoints).as("the /api endpoints found").hasSizeGreaterThan(20);
        return endpoints;
    }

    @Test
    void everyApiEndpointIsDocumentedWithItsErrorAnswers() {
        assertThat(docs.at("/components/securitySchemes/basic/type").asString()).isEqualTo("http");
        assertThat(docs.at("/components/securitySchemes/basic/scheme").asString()).isEqualTo("basic");
        assertThat(docs.at("/components/schemas/Error/properties/error/type").asString()).isEqualTo("string");
        List<String> documented = new ArrayList<>();
        docs.path("paths").properties().forEach(p -> p.getValue().propertyNames().forEach(m -> documented.add(
                m.toUpperCase(Locale.ROOT) + " " + p.getKey())));

        List<Endpoint> endpoints = mapped();
        assertThat(documented).as("documented: exactly the /api endpoints Spring maps")
                .containsExactlyInAnyOrderElementsOf(endpoints.stream().map(Endpoint::toString).toList());
        for (Endpoint endpoint : endpoints) {
            JsonNode operation = docs.path("paths").path(endpoint.path()).path(endpoint.method());
            assertThat(operation.path("summary").asString()).as(endpoint + ": a summary").isNotBlank();
            JsonNode responses = operation.path("responses");
            List<String> codes = new ArrayList<>();
            responses.propertyNames().forEach(codes::add);
            assertThat(codes).as(endpoint + ": the security layer's answers").contains("401", "403");
            assertThat(codes.stream().filter(c -> c.startsWith("2"))).as(endpoint + ": its success").isNotEmpty();
            if (endpoint.takesInput()) {
                assertThat(codes).as(endpoint + ": an error answer of its own for bad input or state")
                        .containsAnyOf("400", "404", "409");
            }
            for (String code : codes) {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(responses.path(code).at("/content/application~1json/schema/$ref").asString())
                            .as(endpoint + " " + code + ": the error body").isEqualTo("#/components/schemas/Error");
                    assertThat(responses.path(code).path("description").asString()).as(endpoint + " " + code).isNotBlank();
                }
            }
            List<String> parameters = new ArrayList<>();
            operation.path("parameters").forEach(p -> {
                if ("path".equals(p.path("in").asString())) {
                    parameters.add(p.path("name").asString());
                }
            });
            assertThat(parameters).as(endpoint + ": its path parameters").containsExactlyInAnyOrderElementsOf(endpoint.pathVariables());
            if (!endpoint.method().equals("get")) {
                assertThat(codes).as(endpoint + ": a body that is not JSON").contains("415");
                assertThat(operation.at("/requestBody/content").propertyNames()).as(endpoint + ": its body's content type")
                        .contains("application/json");
            }
        }
        assertThat(docs.at("/paths/~1api~1migrations/post/requestBody/content").propertyNames())
                .contains("application/yaml", "application/json");
        assertThat(docs.at("/paths/~1api~1commands/post/responses").propertyNames()).contains("503", "409", "413");
    }

    /** Real bad requests: each answer's status is one the description lists for that endpoint, with the error body. */
    @Test
    void theErrorsTheApiGivesAreTheDocumentedOnes() {
        record Call(String method, String path, String documentedPath, String body) {
        }
        List<Call> calls = List.of(
                new Call("get", "/api/commands?status=LOST", "/api/commands", null),
                new Call("get", "/api/commands/no-such-command", "/api/commands/{id}", null),
                new Call("get", "/api/stores/nowhere", "/api/stores/{name}", null),
                new Call("post", "/api/stores/nowhere/pause", "/api/stores/{name}/pause", "{}"),
                new Call("post", "/api/stores/modern/converter", "/api/stores/{name}/converter", "{\"converter\": \"modern@2\"}"),
                new Call("post", "/api/stores/modern/converter", "/api/stores/{name}/converter", "{}"),
                new Call("post", "/api/stores/modern/parked/7/skip", "/api/stores/{name}/parked/{seq}/skip", "{}"),
                new Call("post", "/api/stores/modern/parked/7/skip", "/api/stores/{name}/parked/{seq}/skip",
                        "{\"reason\": \"nothing there\"}"),
                new Call("post", "/api/stores/modern/parked/retry", "/api/stores/{name}/parked/retry", "{\"key\": 7}"),
                new Call("post", "/api/stores/modern/replay", "/api/stores/{name}/replay", "{}"),
                new Call("post", "/api/stores/legacy/replay", "/api/stores/{name}/replay", "{\"from\": 0}"),
                new Call("get", "/api/stores/modern/replay", "/api/stores/{name}/replay", null),
                new Call("get", "/api/migrations/none", "/api/migrations/{id}", null),
                new Call("post", "/api/migrations/none/cutover", "/api/migrations/{id}/cutover", "{}"),
                new Call("post", "/api/migrations", "/api/migrations", "{\"id\": \"m1\"}"),
                new Call("post", "/api/verifications", "/api/verifications", "{\"source\": \"legacy\"}"),
                new Call("post", "/api/verifications", "/api/verifications", "{\"source\": \"legacy\", \"target\": \"nowhere\"}"),
                new Call("get", "/api/verifications/none", "/api/verifications/{id}", null),
                new Call("post", "/api/commands", "/api/commands", ""));
        for (Call call : calls) {
            EntityExchangeResult<String> answer = call.method().equals("get") ? operator.get(call.path())
                    : operator.post(call.path(), call.body());
            int status = answer.getStatus().value();
            String what = call.method().toUpperCase(Locale.ROOT) + " " + call.path() + " " + call.body() + " answered " + status
                    + " " + answer.getResponseBody();
            assertThat(status).as(what).isBetween(400, 499);
            assertThat(docs.path("paths").path(call.documentedPath()).path(call.method()).path("responses")
                    .has(String.valueOf(status))).as(what + ": documented").isTrue();
            assertThat(JSON.readTree(answer.getResponseBody()).path("error").asString()).as(what).isNotBlank();
        }
    }

    @Test
    void aViewerReadsTheDescriptionAndSwaggerUiNobodyElseDoes() {
        ApiClient anonymous = new ApiClient(port, null, null);
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
            assertThat(anonymous.get(path).getStatus().value()).as("anonymous " + path).isEqualTo(401);
        }
        assertThat(viewer.get("/swagger-ui.html").getStatus().value()).as("viewer /swagger-ui.html").isIn(200, 302);
        EntityExchangeResult<String> ui = viewer.get("/swagger-ui/index.html");
        assertThat(ui.getStatus().value()).isEqualTo(200);
        assertThat(ui.getResponseBody()).contains("swagger-ui");
        assertThat(viewer.getJson("/v3/api-docs/swagger-config").path("url").asString()).isEqualTo("/v3/api-docs");
        assertThat(docs.path("paths").propertyNames()).as("only the REST API, not Actuator or the error page")
                .allMatch(p -> p.startsWith("/api/"));
    }
}
