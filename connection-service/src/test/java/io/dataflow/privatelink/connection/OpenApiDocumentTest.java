package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

/** The service publishes its own OpenAPI document, without a token, and a browsable UI for it. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class OpenApiDocumentTest {

    @Test
    void theDocumentAndItsUiAreServedWithoutAToken() {
        RestAssured.requestSpecification = null;
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", org.hamcrest.Matchers.equalTo("Dataflow Private Link API"))
                .body("components.schemas.'PrivateLinkConnectionState.Enum'.enum",
                        hasItems("CREATING", "PENDING_ACCEPTANCE", "ACTIVE", "FAILED", "DELETING"))
                .body("paths.keySet()", hasItems("/v1beta1/clusters/{clusterId}/privateLinkConnections",
                        "/v1beta1/clusters/{clusterId}/privateLinkConnections/{privateLinkConnectionId}:attachDomains",
                        "/v1beta1/clusters/{clusterId}/privateLinkConnections:lookupHost"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
