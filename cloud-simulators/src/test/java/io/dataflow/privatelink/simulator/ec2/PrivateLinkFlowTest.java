package io.dataflow.privatelink.simulator.ec2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesResponse;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.State;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.OTHER_KEY;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.OWNER_ACCOUNT;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.PLATFORM_ACCOUNT;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.PLATFORM_PRINCIPAL;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_B;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.VPC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PrivateLink story end to end, through the real SDK client only. */
class PrivateLinkFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static SimulatorHarness h;

    @BeforeAll
    static void start() {
        h = SimulatorHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void serviceIsVisibleToThePlatformOnlyOnceAllowed() {
        ServiceConfiguration service = h.createService(true);
        assertTrue(service.serviceName().matches("com\\.amazonaws\\.vpce\\.us-east-1\\.vpce-svc-[0-9a-f]{17}"));
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c"), service.availabilityZones());

        Ec2Exception hidden = assertThrows(Ec2Exception.class, () -> h.platform.describeVpcEndpointServices(
                r -> r.serviceNames(service.serviceName())));
        assertEquals("InvalidServiceName", hidden.awsErrorDetails().errorCode());
        assertEquals(400, hidden.statusCode());
        assertFalse(h.platform.describeVpcEndpointServices(r -> { }).serviceNames().contains(service.serviceName()));
        // The owner always sees its own service.
        assertTrue(h.owner.describeVpcEndpointServices(r -> { }).serviceNames().contains(service.serviceName()));

        var added = h.owner.modifyVpcEndpointServicePermissions(r -> r
                .serviceId(service.serviceId()).addAllowedPrincipals(PLATFORM_PRINCIPAL));
        assertTrue(added.returnValue());
        assertEquals(PLATFORM_PRINCIPAL, added.addedPrincipals().get(0).principal());
        assertEquals(List.of(PLATFORM_PRINCIPAL), h.owner.describeVpcEndpointServicePermissions(
                r -> r.serviceId(service.serviceId())).allowedPrincipals().stream().map(p -> p.principal()).toList());

        DescribeVpcEndpointServicesResponse seen = h.platform.describeVpcEndpointServices(
                r -> r.serviceNames(service.serviceName()));
        assertEquals(List.of(service.serviceName()), seen.serviceNames());
        ServiceDetail detail = seen.serviceDetails().get(0);
        assertEquals(service.serviceId(), detail.serviceId());
        assertEquals("Interface", detail.serviceType().get(0).serviceTypeAsString());
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c"), detail.availabilityZones());
        assertEquals(OWNER_ACCOUNT, detail.owner());
        assertTrue(detail.acceptanceRequired());
        assertTrue(detail.vpcEndpointPolicySupported());
        assertEquals(List.of(service.serviceId() + ".us-east-1.vpce.amazonaws.com"), detail.baseEndpointDnsNames());

        // Found by filter too; a third account still sees nothing.
        assertEquals(1, h.platform.describeVpcEndpointServices(r -> r.filters(
                Filter.builder().name("service-name").values(service.serviceName()).build())).serviceDetails().size());
        assertFalse(h.client(OTHER_KEY).describeVpcEndpointServices(r -> { }).serviceNames()
                .contains(service.serviceName()));
    }

    @Test
    void createIsIdempotentPerClientTokenAndRendersLikeAws() {
        ServiceConfiguration service = h.createSharedService(true);
        String token = "conn-" + UUID.randomUUID();
        Map<String, String> tags = Map.of("dataflow:connection-id", token);

        VpcEndpoint created = h.createEndpoint(service.serviceName(), token, tags, SUBNET_A, SUBNET_B).vpcEndpoint();
        assertTrue(created.vpcEndpointId().matches("vpce-[0-9a-f]{17}"), created.vpcEndpointId());
        assertEquals("Interface", created.vpcEndpointTypeAsString());
        assertEquals(VPC, created.vpcId());
        assertEquals(service.serviceName(), created.serviceName());
        // The wire says pendingAcceptance; the SDK enum (PendingAcceptance) cannot map it.
        assertEquals("pendingAcceptance", created.stateAsString());
        assertEquals(State.UNKNOWN_TO_SDK_VERSION, created.state());
        assertEquals(List.of(SUBNET_A, SUBNET_B), created.subnetIds());
        assertEquals("sg-0123456789abcdef0", created.groups().get(0).groupId());
        assertEquals(PLATFORM_ACCOUNT, created.ownerId());
        assertFalse(created.requesterManaged());
        assertEquals(token, created.tags().get(0).value());
        assertTrue(created.creationTimestamp() != null);

        List<String> dns = created.dnsEntries().stream().map(DnsEntry::dnsName).toList();
        String base = service.serviceId() + ".us-east-1.vpce.amazonaws.com";
        assertEquals(3, dns.size(), dns.toString());
        assertTrue(dns.get(0).matches(created.vpcEndpointId() + "-[a-z0-9]{8}\\." + base.replace(".", "\\.")), dns.get(0));
        assertTrue(dns.get(1).endsWith("-us-east-1a." + base), dns.get(1));
        assertTrue(dns.get(2).endsWith("-us-east-1b." + base), dns.get(2));

        String again = h.createEndpoint(service.serviceName(), token, tags, SUBNET_A, SUBNET_B)
                .vpcEndpoint().vpcEndpointId();
        assertEquals(created.vpcEndpointId(), again);

        Ec2Exception mismatch = assertThrows(Ec2Exception.class,
                () -> h.createEndpoint(service.serviceName(), token, tags, SUBNET_A));
        assertEquals("IdempotentParameterMismatch", mismatch.awsErrorDetails().errorCode());
    }

    @Test
    void describeByTagFilterFindsTheEndpoint() {
        ServiceConfiguration service = h.createSharedService(true);
        String connectionId = "conn-" + UUID.randomUUID();
        String id = h.createEndpoint(service.serviceName(), connectionId, Map.of("dataflow:connection-id", connectionId),
                SUBNET_A).vpcEndpoint().vpcEndpointId();

        List<VpcEndpoint> byTag = h.platform.describeVpcEndpoints(r -> r.filters(
                Filter.builder().name("tag:dataflow:connection-id").values(connectionId).build())).vpcEndpoints();
        assertEquals(List.of(id), byTag.stream().map(VpcEndpoint::vpcEndpointId).toList());

        List<VpcEndpoint> byAll = h.platform.describeVpcEndpoints(r -> r.filters(
                Filter.builder().name("tag-key").values("dataflow:connection-id").build(),
                Filter.builder().name("service-name").values(service.serviceName()).build(),
                Filter.builder().name("vpc-id").values(VPC).build(),
                Filter.builder().name("vpc-endpoint-state").values("pendingAcceptance").build())).vpcEndpoints();
        assertEquals(List.of(id), byAll.stream().map(VpcEndpoint::vpcEndpointId).toList());

        assertTrue(h.platform.describeVpcEndpoints(r -> r.filters(
                Filter.builder().name("tag:dataflow:connection-id").values("nope").build())).vpcEndpoints().isEmpty());

        Ec2Exception badFilter = assertThrows(Ec2Exception.class, () -> h.platform.describeVpcEndpoints(
                r -> r.filters(Filter.builder().name("colour").values("blue").build())));
        assertEquals("InvalidParameterValue", badFilter.awsErrorDetails().errorCode());
    }

    @Test
    void acceptedEndpointBecomesAvailable() {
        ServiceConfiguration service = h.createSharedService(true);
        String id = h.createEndpoint(service.serviceName(), "accept-" + UUID.randomUUID(), Map.of(), SUBNET_A)
                .vpcEndpoint().vpcEndpointId();
        assertEquals("pendingAcceptance", h.stateOf(id));

        // The owner sees the pending connection request...
        var pending = h.owner.describeVpcEndpointConnections(r -> r.filters(
                Filter.builder().name("service-id").values(service.serviceId()).build(),
                Filter.builder().name("vpc-endpoint-state").values("pendingAcceptance").build()))
                .vpcEndpointConnections();
        assertEquals(1, pending.size());
        assertEquals(id, pending.get(0).vpcEndpointId());
        assertEquals(PLATFORM_ACCOUNT, pending.get(0).vpcEndpointOwner());

        // ...and accepts it.
        List<UnsuccessfulItem> unsuccessful = h.owner.acceptVpcEndpointConnections(r -> r
                .serviceId(service.serviceId()).vpcEndpointIds(id)).unsuccessful();
        assertTrue(unsuccessful.isEmpty(), unsuccessful.toString());
        assertTrue(List.of("pending", "available").contains(h.stateOf(id)));

        await().atMost(PATIENCE).until(() -> h.stateOf(id), "available"::equals);
        // AWS sends lower camelCase and the SDK enum expects PascalCase, so state() never maps.
        assertEquals(State.UNKNOWN_TO_SDK_VERSION, h.describe(id).state());
    }

    @Test
    void serviceWithoutAcceptanceGoesStraightToAvailable() {
        ServiceConfiguration service = h.createSharedService(false);
        var created = h.createEndpoint(service.serviceName(), "auto-" + UUID.randomUUID(), Map.of(), SUBNET_B);
        assertEquals("pending", created.vpcEndpoint().stateAsString());
        String id = created.vpcEndpoint().vpcEndpointId();
        await().atMost(PATIENCE).until(() -> h.stateOf(id), "available"::equals);
    }

    @Test
    void rejectedEndpointIsRejected() {
        ServiceConfiguration service = h.createSharedService(true);
        String id = h.createEndpoint(service.serviceName(), "reject-" + UUID.randomUUID(), Map.of(), SUBNET_A)
                .vpcEndpoint().vpcEndpointId();

        var result = h.owner.rejectVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(id));
        assertTrue(result.unsuccessful().isEmpty());
        assertEquals("rejected", h.stateOf(id));
    }

    @Test
    void acceptingOrRejectingUnknownEndpointsReportsUnsuccessfulItems() {
        ServiceConfiguration service = h.createSharedService(true);
        String unknown = "vpce-0123456789abcdef0";
        UnsuccessfulItem accepted = h.owner.acceptVpcEndpointConnections(r -> r
                .serviceId(service.serviceId()).vpcEndpointIds(unknown)).unsuccessful().get(0);
        assertEquals(unknown, accepted.resourceId());
        assertEquals("InvalidVpcEndpointId.NotFound", accepted.error().code());
        UnsuccessfulItem rejected = h.owner.rejectVpcEndpointConnections(r -> r
                .serviceId(service.serviceId()).vpcEndpointIds(unknown)).unsuccessful().get(0);
        assertEquals(unknown, rejected.resourceId());

        // Only the owner may decide for a service.
        Ec2Exception notOwner = assertThrows(Ec2Exception.class, () -> h.platform.acceptVpcEndpointConnections(
                r -> r.serviceId(service.serviceId()).vpcEndpointIds(unknown)));
        assertEquals("InvalidVpcEndpointServiceId.NotFound", notOwner.awsErrorDetails().errorCode());
    }

    @Test
    void deletedEndpointDisappearsAndUnknownIdsAreUnsuccessful() {
        ServiceConfiguration service = h.createSharedService(false);
        String id = h.createEndpoint(service.serviceName(), "delete-" + UUID.randomUUID(), Map.of(), SUBNET_A)
                .vpcEndpoint().vpcEndpointId();
        String unknown = "vpce-0fedcba98765432100";

        List<UnsuccessfulItem> unsuccessful = h.platform.deleteVpcEndpoints(r -> r.vpcEndpointIds(id, unknown))
                .unsuccessful();
        assertEquals(1, unsuccessful.size());
        assertEquals(unknown, unsuccessful.get(0).resourceId());
        assertEquals("InvalidVpcEndpoint.NotFound", unsuccessful.get(0).error().code());

        await().atMost(PATIENCE).until(() -> h.platform.describeVpcEndpoints(r -> r.filters(
                Filter.builder().name("vpc-endpoint-id").values(id).build())).vpcEndpoints().isEmpty());
        Ec2Exception gone = assertThrows(Ec2Exception.class, () -> h.describe(id));
        assertEquals("InvalidVpcEndpointId.NotFound", gone.awsErrorDetails().errorCode());
        // Deleting again is an unsuccessful item, not a failure.
        assertEquals(id, h.platform.deleteVpcEndpoints(r -> r.vpcEndpointIds(id)).unsuccessful().get(0).resourceId());
    }

    @Test
    void endpointsAreVisibleOnlyToTheirOwnerAccount() {
        ServiceConfiguration service = h.createSharedService(true);
        String id = h.createEndpoint(service.serviceName(), "private-" + UUID.randomUUID(), Map.of(), SUBNET_A)
                .vpcEndpoint().vpcEndpointId();
        var other = h.client(OTHER_KEY);
        assertTrue(other.describeVpcEndpoints(r -> { }).vpcEndpoints().isEmpty());
        Ec2Exception notFound = assertThrows(Ec2Exception.class,
                () -> other.describeVpcEndpoints(r -> r.vpcEndpointIds(id)));
        assertEquals("InvalidVpcEndpointId.NotFound", notFound.awsErrorDetails().errorCode());
        assertEquals(id, other.deleteVpcEndpoints(r -> r.vpcEndpointIds(id)).unsuccessful().get(0).resourceId());
        assertEquals("pendingAcceptance", h.stateOf(id));
    }

    @Test
    void createRejectsWhatAwsRejects() {
        ServiceConfiguration shared = h.createSharedService(true);
        ServiceConfiguration notShared = h.createService(true);

        assertErrorCode("InvalidServiceName", () -> h.createEndpoint(notShared.serviceName(), null, Map.of(), SUBNET_A));
        assertErrorCode("InvalidServiceName", () -> h.createEndpoint(
                "com.amazonaws.vpce.us-east-1.vpce-svc-00000000000000000", null, Map.of(), SUBNET_A));
        assertErrorCode("InvalidSubnetID.NotFound", () -> h.createEndpoint(
                shared.serviceName(), null, Map.of(), "subnet-0000000000000000"));
        // use1-az4 is not among the service's zones.
        Ec2Exception zone = assertErrorCode("InvalidParameter", () -> h.createEndpoint(
                shared.serviceName(), null, Map.of(), SimulatorHarness.SUBNET_D));
        assertTrue(zone.awsErrorDetails().errorMessage().contains("availability zone"));
        assertErrorCode("DuplicateSubnetsInSameZone", () -> h.createEndpoint(
                shared.serviceName(), null, Map.of(), SUBNET_A, SimulatorHarness.SUBNET_A2));
        assertErrorCode("InvalidVpcId.NotFound", () -> h.platform.createVpcEndpoint(r -> r
                .vpcEndpointType("Interface").vpcId("vpc-unknown").serviceName(shared.serviceName())));

        assertNull(h.simulator.endpointState("vpce-00000000000000000").orElse(null));
    }

    private static Ec2Exception assertErrorCode(String code, Runnable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertTrue(e.requestId() != null && !e.requestId().isEmpty());
        return e;
    }
}
