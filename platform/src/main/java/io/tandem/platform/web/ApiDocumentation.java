package io.tandem.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The API document ({@code /v3/api-docs}) as exact as the API: schemas read through the web's own ObjectMapper, so
 * their properties are the snake_case names on the wire, and every operation's errors documented as the
 * problem+json they are.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiDocumentation {

    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI tandemOpenApi(@Value("${spring.application.name:tandem}") String applicationName) {
        return new OpenAPI()
                .info(new Info().title("Tandem API (" + applicationName + ")")
                                .description("JSON in snake_case; errors as RFC 9457 problem+json.")
                                .version("v1"))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Property names and inclusion as the web's ObjectMapper writes and reads them; unique schema names. */
    @Bean
    ModelResolver webModelResolver(ObjectMapper webObjectMapper, SpringDocConfigProperties springDoc) {
        return new WebModelResolver(webObjectMapper).openapi31(springDoc.isOpenapi31());
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            Content problem = new Content().addMediaType(
                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                // an error a controller names (404 processor_not_found) is a problem too: springdoc would otherwise
                // give it the method's return type
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        response.setContent(problem);
                    }
                });
                operation.getResponses()
                         .addApiResponse("4XX", new ApiResponse().description("Refused: see code").content(problem))
                         .addApiResponse("5XX", new ApiResponse().description("Not available").content(problem));
            }));
        };
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema())
                                                 .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("Stable, machine-readable reason"))
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("status", "code"));
    }
}
