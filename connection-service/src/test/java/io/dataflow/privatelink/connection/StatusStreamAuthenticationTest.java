package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * How a status stream's caller proves who it is at connection-service: the Authorization header, or for a
 * browser's WebSocket the token offered as a subprotocol; never a token in the URL. (domain-service is not
 * running here: a caller that got past the check is told the query service is unavailable, 503, instead of
 * being refused, 401.)
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class StatusStreamAuthenticationTest {

    private static final String WEBSOCKET = "/v1beta1/ws/clusters/1001/privateLinkConnections";

    @BeforeEach
    void noDefaultToken() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void aBrowsersTokenOfferedAsASubprotocolIsVerified() {
        given().header("Sec-WebSocket-Protocol", "plc.v1, plc.bearer." + TestTokens.editorOfProjectA())
                .get(WEBSOCKET).then().statusCode(503).body("code", equalTo(14));
        given().header("Sec-WebSocket-Protocol", "plc.v1, plc.bearer.not-a-jwt")
                .get(WEBSOCKET).then().statusCode(401).body("code", equalTo(16));
        given().header("Sec-WebSocket-Protocol", "plc.v1").get(WEBSOCKET).then().statusCode(401)
                .body("message", containsString("bearer token"));
    }

    @Test
    void aTokenInTheUrlIsRefusedEvenAValidOne() {
        for (String path : new String[] {WEBSOCKET, "/v1beta1/clusters/1001/privateLinkConnections:watch"}) {
            given().urlEncodingEnabled(false).queryParam("access_token", TestTokens.editorOfProjectA()).get(path).then()
                    .statusCode(401).body("code", equalTo(16))
                    .body("message", containsString("A token in the URL is not accepted"));
        }
    }

    @Test
    void anEventStreamsCallerIsVerifiedByItsHeader() {
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + TestTokens.editorOfProjectA())
                .get("/v1beta1/clusters/1001/privateLinkConnections:watch").then().statusCode(503).body("code", equalTo(14));
        given().urlEncodingEnabled(false).get("/v1beta1/clusters/1001/privateLinkConnections:watch").then().statusCode(401);
    }
}
