package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.auth.AccessTokens;
import io.dataflow.privatelink.contract.auth.Role;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

/**
 * Test equipment: an identity provider of our own. One key pair per test JVM; the service is given its
 * public key; tests mint tokens for any subject, projects and roles. By default every request carries
 * an editor token for project-a (the project of clusters 1001 and 1002).
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "dataflow-privatelink";
    static final KeyPair KEYS = AccessTokens.newKeyPair();
    static final String EDITOR = "alice@example.com";

    static String token(String subject, Map<String, Role> projects) {
        return AccessTokens.mint(KEYS.getPrivate(), ISSUER, subject, projects, Duration.ofHours(1));
    }

    static String editorOfProjectA() {
        return token(EDITOR, Map.of("project-a", Role.EDITOR));
    }

    /** Every RestAssured request of the test carries the project-a editor's token unless it sets its own. */
    static void actAsEditorOfProjectA() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + editorOfProjectA()).build();
    }

    @Override
    public Map<String, String> start() {
        try {
            Path key = Files.createTempFile("plc-test-jwt", ".pem");
            Files.writeString(key, AccessTokens.publicPem(KEYS.getPublic()));
            key.toFile().deleteOnExit();
            return Map.of("plc.auth.public-key-location", key.toString(), "plc.auth.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
