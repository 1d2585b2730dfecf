package io.dataflow.privatelink.worker.alicloud;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainNames;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.DnsAnswer;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.worker.testing.CrashAfterZoneCreate;
import io.dataflow.privatelink.worker.testing.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attached domains made real on the simulated PrivateZone, checked by resolving names inside the platform VPC. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_alicloud"))
@QuarkusTestResource(value = AlicloudSimulatorResource.class, restrictToAnnotatedClass = true)
class AlicloudDomainTest {

    private static final String REGION = AlicloudSimulatorResource.REGION;
    private static final List<String> ZONES = List.of("cn-hangzhou-i", "cn-hangzhou-j");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void managedNamesResolveToTheEndpointDomainUntilDetachedAndACrashLeavesOneZone() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            String unique = DomainNames.newManagedUniqueName();
            String attachId = DomainAttachment.newId();
            CrashAfterZoneCreate.CRASH_ONCE.add(attachId);
            DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, attachId, active.connectionId(),
                    "cluster-ali", ConnectionType.ALICLOUD_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique,
                    ZONES);

            WorkerEvents.awaitDomainState(states, attachId, DomainState.ACTIVE);
            assertFalse(CrashAfterZoneCreate.CRASH_ONCE.contains(attachId), "the crash happened");
            String zone = unique + ".alicloud.plc.tidbcloud.com";
            DnsAnswer answer = resolve("b1." + zone);
            assertEquals("NOERROR", answer.status(), answer.toString());
            assertEquals(endpointDomain(active.endpointId()), answer.target(), answer.toString());
            assertEquals(1, AlicloudSimulatorResource.simulator.privateZonesNamed(zone).size());

            WorkerEvents.detach(bootstrapServers, attach);
            WorkerEvents.awaitDetached(states, attachId);
            assertEquals("NXDOMAIN", resolve("b1." + zone).status());
            assertEquals(0, AlicloudSimulatorResource.simulator.privateZonesNamed(zone).size());
        }
    }

    @Test
    void deletingAConnectionRemovesItsDomainsFirst() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            String id = active.connectionId();
            String unique = DomainNames.newManagedUniqueName();
            DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, id, "cluster-ali",
                    ConnectionType.ALICLOUD_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique, ZONES);
            WorkerEvents.awaitDomainState(states, attach.attachDomainId(), DomainState.ACTIVE);

            WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                    new ConnectionDeletionRequested(id, "cluster-ali", ConnectionType.ALICLOUD_ENDPOINT_SERVICE, "bob",
                            WorkerEvents.now(), WorkerEvents.nextVersion()));
            WorkerEvents.awaitDeleted(states, id);
            List<String> types = states.readToEnd().stream().filter(r -> id.equals(r.key())).map(WorkerEvents::type)
                    .toList();
            assertTrue(types.indexOf(EventTypes.DOMAIN_DETACHED) < types.indexOf(EventTypes.CONNECTION_DELETED),
                    types.toString());
            assertEquals(0, AlicloudSimulatorResource.simulator
                    .privateZonesNamed(unique + ".alicloud.plc.tidbcloud.com").size());
        }
    }

    private static DnsAnswer resolve(String host) {
        return AlicloudSimulatorResource.simulator.resolve(AlicloudSimulatorResource.VPC, host);
    }

    private static String endpointDomain(String endpointId) {
        return AlicloudSimulatorResource.simulator.endpointDomain(endpointId);
    }

    private ConnectionStateChanged activeConnection(TopicProbe states) {
        ServiceRef service = AlicloudSimulatorResource.customerService(ZONES, true, Acceptance.AUTOMATIC);
        String id = ConnectionIds.newId();
        ClusterPlacement placement = new ClusterPlacement("cluster-ali", "project-1", CloudProvider.ALICLOUD, REGION,
                AlicloudSimulatorResource.PLATFORM_UID, AlicloudSimulatorResource.VPC, ZONES,
                AlicloudSimulatorResource.VSWITCHES, "sg-bp1platformtest0001");
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                new ConnectionRequested(id, "cluster-ali", "db", ConnectionType.ALICLOUD_ENDPOINT_SERVICE,
                        service.serviceName(), REGION, "alice", WorkerEvents.now(), placement, WorkerEvents.nextVersion()));
        return WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
    }
}
