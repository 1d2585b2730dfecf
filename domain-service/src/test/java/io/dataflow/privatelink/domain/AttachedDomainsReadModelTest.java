package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainNames;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

/** Attached domains in the read model and the host routing table, projected from both topics. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class AttachedDomainsReadModelTest {

    private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @org.junit.jupiter.api.BeforeAll
    static void validateResponsesAgainstTheContract() {
        ContractValidation.install();
    }

    @Test
    void getShowsEachDomainsStateTheListOmitsThemAndTheRoutingTableFollowsAttachAndDetach() {
        String cluster = "c-" + UUID.randomUUID();
        String id = activeConnection(cluster);
        String unique = DomainNames.newManagedUniqueName();
        DomainAttachRequested attach = attachRequested(cluster, id, unique);
        String host = "b1.use1-az2." + unique + ".aws.plc.tidbcloud.com";
        lookup(cluster, host).statusCode(404).body("code", equalTo(5));

        send(Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_ATTACH_REQUESTED, id, attach);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id)
                .body("attachedDomains[0].attachDomainId", equalTo(attach.attachDomainId()))
                .body("attachedDomains[0].uniqueName", equalTo(unique))
                .body("attachedDomains[0].domains.state", equalTo(List.of("CREATING", "CREATING"))));
        given().get(path(cluster)).then().statusCode(200)
                .body("privateLinkConnections[0].privateLinkConnectionId", equalTo(id))
                .body("privateLinkConnections[0].attachedDomains", nullValue());
        lookup(cluster, host).statusCode(200)
                .body("domain", equalTo("*.use1-az2." + unique + ".aws.plc.tidbcloud.com"))
                .body("privateLinkConnectionId", equalTo(id))
                .body("state", equalTo("ACTIVE"))
                .body("domainState", equalTo("CREATING"));

        List<Domain> active = List.of(
                new Domain("*.use1-az1." + unique + ".aws.plc.tidbcloud.com", "ACTIVE", null),
                new Domain("*.use1-az2." + unique + ".aws.plc.tidbcloud.com", "FAILED", "zone refused"));
        send(Topics.CONNECTION_STATE, EventTypes.DOMAIN_STATE_CHANGED, id,
                new DomainStateChanged(attach.attachDomainId(), id, cluster, DomainState.FAILED, active, now(), TestVersions.next()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id)
                .body("attachedDomains[0].domains.state", equalTo(List.of("ACTIVE", "FAILED")))
                .body("attachedDomains[0].domains[1].message", equalTo("zone refused")));
        lookup(cluster, "B1.USE1-AZ2." + unique.toUpperCase(Locale.ROOT) + ".aws.plc.tidbcloud.com.").statusCode(200)
                .body("hostname", equalTo(host))
                .body("domainState", equalTo("FAILED"))
                .body("message", equalTo("zone refused"));
        lookup("another-cluster", host).statusCode(404);
        lookup(cluster, "b1.use1-az9." + unique + ".aws.plc.tidbcloud.com").statusCode(404);

        send(Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_DETACH_REQUESTED, id, new DomainDetachRequested(
                attach.attachDomainId(), id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE, "bob", now(), TestVersions.next()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id)
                .body("attachedDomains[0].domains.state", everyItem(equalTo("DELETING"))));
        send(Topics.CONNECTION_STATE, EventTypes.DOMAIN_DETACHED, id,
                new DomainDetached(attach.attachDomainId(), id, cluster, now(), TestVersions.next()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id)
                .body("attachedDomains", equalTo(List.of())));
        lookup(cluster, host).statusCode(404);
    }

    @Test
    void aWorkersReportBeforeTheRequestAndAReportAfterTheDetachAreBothHandled() {
        String cluster = "c-" + UUID.randomUUID();
        String id = activeConnection(cluster);
        String unique = DomainNames.newManagedUniqueName();
        DomainAttachRequested attach = attachRequested(cluster, id, unique);
        List<Domain> active = DomainAttachment.domainsIn(new DomainPlan(attach.zoneName(), attach.records()),
                DomainState.ACTIVE);

        // The state topic ran ahead of the request topic.
        send(Topics.CONNECTION_STATE, EventTypes.DOMAIN_STATE_CHANGED, id,
                new DomainStateChanged(attach.attachDomainId(), id, cluster, DomainState.ACTIVE, active, now(), TestVersions.next()));
        send(Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_ATTACH_REQUESTED, id, attach);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id)
                .body("attachedDomains[0].domains.state", everyItem(equalTo("ACTIVE"))));

        send(Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_DETACH_REQUESTED, id, new DomainDetachRequested(
                attach.attachDomainId(), id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE, "bob", now(), TestVersions.next()));
        send(Topics.CONNECTION_STATE, EventTypes.DOMAIN_STATE_CHANGED, id,
                new DomainStateChanged(attach.attachDomainId(), id, cluster, DomainState.ACTIVE, active, now(), TestVersions.next()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id)
                .body("attachedDomains[0].domains.state", everyItem(equalTo("DELETING"))));
    }

    @Test
    void deletingAConnectionShowsItsDomainsDeletingThenRemovesThemAndTheirRoutes() {
        String cluster = "c-" + UUID.randomUUID();
        String id = activeConnection(cluster);
        String unique = DomainNames.newManagedUniqueName();
        send(Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_ATTACH_REQUESTED, id, attachRequested(cluster, id, unique));
        String host = "b1.use1-az1." + unique + ".aws.plc.tidbcloud.com";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> lookup(cluster, host).statusCode(200));

        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                new ConnectionDeletionRequested(id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE, "bob", now(), TestVersions.next()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id)
                .body("state", equalTo("DELETING"))
                .body("attachedDomains[0].domains.state", everyItem(equalTo("DELETING"))));
        lookup(cluster, host).statusCode(200).body("state", equalTo("DELETING"));

        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, id, new ConnectionDeleted(id, cluster, now(), TestVersions.next()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> lookup(cluster, host).statusCode(404));
    }

    @Test
    void malformedHostnamesAreRefused() {
        String cluster = "c-" + UUID.randomUUID();
        refuse(given().urlEncodingEnabled(false).get(path(cluster) + ":lookupHost").then(), "hostname is required");
        refuse(lookup(cluster, "bad_host!.example.com"), "is not a DNS name");
        refuse(lookup(cluster, "a".repeat(64) + ".example.com"), "is not a DNS name");
        refuse(lookup(cluster, "abc.".repeat(70) + "com"), "at most 253");
    }

    private static void refuse(ValidatableResponse response, String message) {
        response.statusCode(400).body("code", equalTo(3)).body("message", containsString(message));
    }

    private String activeConnection(String cluster) {
        String id = ConnectionIds.newId();
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1", "use1-az2"), Map.of("use1-az1", "subnet-1", "use1-az2", "subnet-2"),
                "sg-1");
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, new ConnectionRequested(id, cluster,
                "kafka", ConnectionType.AWS_ENDPOINT_SERVICE, SERVICE, "us-east-1", "alice", now(), placement, TestVersions.next()));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id, cluster,
                ConnectionState.ACTIVE, null, "vpce-0a", List.of("use1-az1", "use1-az2"), now(), TestVersions.next()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(cluster, id).body("state", equalTo("ACTIVE")));
        return id;
    }

    private static DomainAttachRequested attachRequested(String cluster, String id, String unique) {
        DomainPlan plan = DomainPlan.of(ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique,
                List.of("use1-az1", "use1-az2"), BaseDomains.DEFAULT);
        return new DomainAttachRequested(DomainAttachment.newId(), id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE,
                DomainType.TIDBCLOUD_MANAGED, unique, plan.zoneName(), plan.records(), "alice", now(), TestVersions.next());
    }

    private static ValidatableResponse get(String cluster, String id) {
        return given().get(path(cluster) + "/" + id).then().statusCode(200);
    }

    private static ValidatableResponse lookup(String cluster, String hostname) {
        return given().urlEncodingEnabled(false).get(path(cluster) + ":lookupHost?hostname=" + hostname).then();
    }

    private static String path(String cluster) {
        return "/v1beta1/clusters/" + cluster + "/privateLinkConnections";
    }

    private void send(String topic, String type, String id, Object payload) {
        CloudEvent event = CloudEvent.of(type, "/test", id, now(), payload);
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(topic, id, event));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
