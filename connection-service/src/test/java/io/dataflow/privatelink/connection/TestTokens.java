package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.testing.TestIdentityProvider;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

import java.util.Map;

/**
 * Test equipment: the service verifies tokens of api-security's {@link TestIdentityProvider} (OIDC discovery
 * and a JWKS on a port of this machine); tests mint tokens for any subject, projects and roles. By default
 * every request carries an editor token for project-a (the project of clusters 1001 and 1002).
 */
public class TestTokens extends TestIdentityProvider {

    static final String EDITOR = "alice@example.com";

    static String editorOfProjectA() {
        return token(EDITOR, Map.of("project-a", Role.EDITOR));
    }

    /** Every RestAssured request of the test carries the project-a editor's token unless it sets its own. */
    static void actAsEditorOfProjectA() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + editorOfProjectA()).build();
    }
}
