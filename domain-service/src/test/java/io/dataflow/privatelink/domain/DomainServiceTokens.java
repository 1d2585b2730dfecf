package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.testing.TestIdentityProvider;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

import java.util.Map;

/**
 * Test equipment: domain-service verifies tokens of api-security's {@link TestIdentityProvider}. Unless a
 * test sets its own, every request carries {@link #bearer()}: the token of a viewer of project "p", the
 * project of every cluster the tests' events place connections in.
 */
public class DomainServiceTokens extends TestIdentityProvider {

    static final String PROJECT = "p";
    private static volatile String viewer;
    private static final Filter DEFAULT_TOKEN = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", bearer());
        }
        return context.next(request, response);
    };

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> settings = super.start();
        // A filter, not a request specification: a specification built now would fix the port before Quarkus
        // has chosen it. A request that sets its own Authorization (even empty) keeps it.
        if (!RestAssured.filters().contains(DEFAULT_TOKEN)) {
            RestAssured.filters(DEFAULT_TOKEN);
        }
        return settings;
    }

    /** The {@code Authorization} value of a viewer of project "p". */
    static String bearer() {
        if (viewer == null) {
            viewer = TestIdentityProvider.token("viewer@example.com", Map.of(PROJECT, Role.VIEWER));
        }
        return "Bearer " + viewer;
    }
}
