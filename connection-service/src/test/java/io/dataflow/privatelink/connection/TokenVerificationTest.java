package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.security.testing.TestIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tokens as a mainstream identity provider issues them (kid, aud, iat), verified by quarkus-oidc against the
 * test provider's discovery document and JWKS; each kind of bad token is refused saying why.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class TokenVerificationTest {

    @Test
    void aTokenWithTheExpectedAudienceFromTheProvidersKeySetIsAccepted() {
        zones(TestIdentityProvider.token().projects(Map.of("project-a", Role.VIEWER)).sign()).statusCode(200);
    }

    @Test
    void aKeyRotatedMidTestIsFoundInTheRefreshedKeySetWithoutARestart() {
        zones(TestIdentityProvider.token().projects(Map.of("project-a", Role.VIEWER)).sign()).statusCode(200);
        long fetchesBefore = TestIdentityProvider.jwksFetches();

        TestIdentityProvider.rotateKey();

        zones(TestIdentityProvider.token().subject("after-rotation").projects(Map.of("project-a", Role.VIEWER)).sign())
                .statusCode(200);
        org.junit.jupiter.api.Assertions.assertTrue(TestIdentityProvider.jwksFetches() > fetchesBefore,
                "the new key was fetched from the JWKS");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String expired = TestIdentityProvider.token().projects(Map.of("project-a", Role.EDITOR))
                .issuedAt(Instant.now().minus(Duration.ofMinutes(70))).lifetime(Duration.ofHours(1)).sign();
        zones(expired).statusCode(401).body("code", equalTo(16)).body("message", containsString("expired"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String other = TestIdentityProvider.token().projects(Map.of("project-a", Role.EDITOR)).audience("billing-api").sign();
        zones(other).statusCode(401).body("message", containsString("audience"));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String other = TestIdentityProvider.token().projects(Map.of("project-a", Role.EDITOR))
                .issuer("https://idp.example.com/realms/other").sign();
        zones(other).statusCode(401).body("code", equalTo(16));
    }

    @Test
    void aTokenSignedByAKeyTheProviderNeverPublishedIsRefused() {
        String forged = TestIdentityProvider.token().projects(Map.of("project-a", Role.EDITOR))
                .unknownKey("mallory-key").sign();
        zones(forged).statusCode(401).body("message", containsString("signature"));
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsRefusedThoughNotExpired() {
        String old = TestIdentityProvider.token().projects(Map.of("project-a", Role.EDITOR))
                .issuedAt(Instant.now().minus(TestIdentityProvider.MAX_AGE).minus(Duration.ofMinutes(10)))
                .lifetime(TestIdentityProvider.MAX_AGE.plus(Duration.ofHours(1))).sign();
        zones(old).statusCode(401).body("message", containsString("issued more than"));
    }

    @Test
    void aRoleThisSystemDoesNotKnowIsIgnoredNotFatal() {
        String token = TestIdentityProvider.token()
                .projectRoles(Map.of("project-a", "viewer", "project-b", "billing-admin")).sign();
        zones(token).statusCode(200);
        // project-b's role was dropped, not turned into one: its cluster stays hidden
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + token)
                .get("/v1beta1/clusters/2001/privateLinkConnections:getAvailabilityZones").then().statusCode(404);
    }

    private static ValidatableResponse zones(String token) {
        return given().urlEncodingEnabled(false).header("Authorization", "Bearer " + token)
                .get("/v1beta1/clusters/1001/privateLinkConnections:getAvailabilityZones").then();
    }
}
