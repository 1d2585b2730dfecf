package io.dataflow.privatelink.domain;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract test on the read side: every response these tests receive through RestAssured is
 * validated against the API's OpenAPI document (the one connection-service publishes; domain-service
 * answers the same paths behind it). Requests are not validated: tests send invalid ones on purpose.
 */
final class ContractValidation {

    private static OpenApiValidationFilter filter;

    private ContractValidation() {
    }

    static synchronized void install() {
        if (filter == null) {
            filter = new OpenApiValidationFilter(OpenApiInteractionValidator
                    .createForInlineApiSpecification(document())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
        }
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    private static String document() {
        Path dir = Path.of("").toAbsolutePath();
        Path relative = Path.of("connection-service/src/main/resources/META-INF/openapi.yaml");
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
