package io.dataflow.privatelink.worker.alicloud;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker given a wrong access key secret: the simulator verifies signatures as Alibaba Cloud does, the
 * worker says so clearly (readiness DOWN with the cloud's code and what to fix), and the user's
 * connection is not failed for the platform's mistake.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_alicloud_badkey"))
@QuarkusTestResource(value = AlicloudSimulatorResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "secret", value = "not-the-secret"))
class AlicloudWrongSecretTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(value = "health/ready", management = true)
    java.net.URL ready;

    @Test
    void wrongSecretMakesTheWorkerUnreadyWithAClearMessageAndFailsNoConnection() {
        ServiceRef service = AlicloudSimulatorResource.customerService(
                List.of("cn-hangzhou-i"), true, Acceptance.AUTOMATIC);
        String id = ConnectionIds.newId();
        ClusterPlacement placement = new ClusterPlacement("cluster-ali", "p", CloudProvider.ALICLOUD,
                AlicloudSimulatorResource.REGION, AlicloudSimulatorResource.PLATFORM_UID, AlicloudSimulatorResource.VPC,
                List.of("cn-hangzhou-i"), AlicloudSimulatorResource.VSWITCHES, "sg-bp1platformtest0001");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_REQUESTS, id,
                CloudEvent.of(EventTypes.CONNECTION_REQUESTED, "/test", id, now, new ConnectionRequested(id,
                        "cluster-ali", "db", ConnectionType.ALICLOUD_ENDPOINT_SERVICE, service.serviceName(),
                        AlicloudSimulatorResource.REGION, "alice", now, placement, io.dataflow.privatelink.worker.testing.WorkerEvents.nextVersion()))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(ready).then()
                .statusCode(503)
                .body("checks.name", hasItem("cloud-credentials"))
                .body("checks.find { it.name == 'cloud-credentials' }.data.error",
                        containsString("SDK.InvalidAccessKeySecret"))
                .body("checks.find { it.name == 'cloud-credentials' }.data.error",
                        containsString("plc.alicloud.access-key-secret")));
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            assertTrue(states.readToEnd().stream().noneMatch(r -> id.equals(r.key())),
                    "no state was announced for the connection: it waits for the key to be fixed");
        }
    }
}
