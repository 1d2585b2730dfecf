package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.SharedInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit_test"))
class ApiErrorsTest {

    @Test
    void aCommitLostWithItsConnectionIs503NotTheDefaultErrorPage() {
        when().get("/kit/lost-commit").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("code", equalTo(14));
    }

    @Test
    void whileTheDatabaseIsDownRequestsGet503WithRetryAfterAndThenRecover() {
        when().get("/kit/applied/nobody").then().statusCode(200);
        SharedInfra.killPostgres();
        try {
            when().get("/kit/applied/nobody").then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo(14))
                    .body("message", containsString("temporarily unavailable"));
        } finally {
            SharedInfra.startPostgresAgain();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> when().get("/kit/applied/nobody").then()
                .statusCode(200).body("applied", equalTo(0)));
    }
}
