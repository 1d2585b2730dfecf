package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

/**
 * The service publishes its own OpenAPI document, without a token, and a browsable UI for it: on the
 * management interface, like health; the public port serves none of /q/*.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class OpenApiDocumentTest {

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @TestHTTPResource(value = "swagger-ui/", management = true)
    URL swaggerUi;

    @TestHTTPResource(value = "health/live", management = true)
    URL managementHealth;

    @Test
    void theDocumentAndItsUiAreServedWithoutAToken() {
        RestAssured.requestSpecification = null;
        given().accept("application/json").get(openApi).then().statusCode(200)
                .body("info.title", org.hamcrest.Matchers.equalTo("Dataflow Private Link API"))
                .body("components.schemas.'PrivateLinkConnectionState.Enum'.enum",
                        hasItems("CREATING", "PENDING_ACCEPTANCE", "ACTIVE", "FAILED", "DELETING"))
                .body("paths.keySet()", hasItems("/v1beta1/clusters/{clusterId}/privateLinkConnections",
                        "/v1beta1/clusters/{clusterId}/privateLinkConnections/{privateLinkConnectionId}:attachDomains",
                        "/v1beta1/clusters/{clusterId}/privateLinkConnections:lookupHost"));
        given().get(swaggerUi).then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void healthAndTheDocumentAreOnTheManagementPortOnly() {
        RestAssured.requestSpecification = null;
        given().get(managementHealth).then().statusCode(200);
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/openapi", "/q/swagger-ui/"}) {
            given().get(path).then().statusCode(404);
        }
    }
}
