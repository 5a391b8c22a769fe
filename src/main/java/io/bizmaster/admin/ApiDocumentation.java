package io.bizmaster.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import java.util.Objects;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api} ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}; viewers may
 * read both). Each controller documents what it answers itself; what every endpoint answers because of the security
 * layer in front of it is added here once: 401 without valid credentials, 403 without the role, 415 for a state
 * change whose body is not JSON (or YAML); and every error answer gets the one body BizMaster's errors have.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String ERROR_SCHEMA = "Error";
    private static final String BASIC = "basic";

    @Bean
    OpenAPI bizMasterApi() {
        return new OpenAPI()
                .info(new Info().title("BizMaster REST API")
                        .version(Objects.requireNonNullElse(ApiDocumentation.class.getPackage().getImplementationVersion(), "dev"))
                        .description("Post business commands, follow them through the command log into every store, and "
                                + "operate stores, replays, verifications and migrations. HTTP Basic on every request: a "
                                + "viewer reads (GET), an operator also changes state, an appcenter only posts commands. "
                                + "Metrics and health are under /actuator (docs/OPERATIONS.md)."))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /** The answers of the security layer, and the error body, on every operation springdoc found. */
    @Bean
    OpenApiCustomizer securityAndErrorAnswers() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            // Here, not in the OpenAPI bean: springdoc drops a schema nothing refers to before customizers run.
            api.getComponents().addSchemas(ERROR_SCHEMA, new ObjectSchema()
                    .addProperty("error", new StringSchema()
                            .description("what went wrong, in a sentence naming the command id, store or seq involved"))
                    .addRequiredItem("error")
                    .description("Every error BizMaster answers. A 401 or 403 of the security layer also carries timestamp, "
                            + "status and path; a 409 of POST /api/commands also queued, ids and conflicts (id: reason)."));
            for (PathItem path : api.getPaths().values()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
                    ApiResponses responses = entry.getValue().getResponses();
                    if (responses == null) {
                        responses = new ApiResponses();
                        entry.getValue().setResponses(responses);
                    }
                    responses.putIfAbsent("401", new ApiResponse().description("no credentials, or wrong ones (HTTP Basic)"));
                    responses.putIfAbsent("403", new ApiResponse().description(entry.getKey() == PathItem.HttpMethod.GET
                            ? "the user is not a viewer or operator" : "the user may not do this (it needs the operator role)"));
                    if (entry.getKey() != PathItem.HttpMethod.GET) {
                        responses.putIfAbsent("415", new ApiResponse().description(
                                "the body is not sent as application/json (or application/yaml for a migration)"));
                    }
                    // springdoc infers an error's body from the handler's return type (a map, as */*); every error
                    // BizMaster answers is the one JSON object.
                    responses.forEach((code, response) -> {
                        if (code.charAt(0) >= '4') {
                            response.setContent(new Content().addMediaType("application/json",
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
                        }
                    });
                }
            }
        };
    }
}
