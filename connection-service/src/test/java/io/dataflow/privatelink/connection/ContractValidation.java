package io.dataflow.privatelink.connection;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;

/**
 * The contract test: every response a test receives through RestAssured is validated against the
 * project's own OpenAPI document ({@code META-INF/openapi.yaml}, the one the service publishes);
 * a response that does not match its operation's schema fails the test that received it. Requests are
 * not validated: tests send invalid ones on purpose.
 */
final class ContractValidation {

    private static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createFor("META-INF/openapi.yaml")
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private ContractValidation() {
    }

    /** Installs the response check for every RestAssured call of the JVM (idempotent). */
    static synchronized void install() {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }
}
