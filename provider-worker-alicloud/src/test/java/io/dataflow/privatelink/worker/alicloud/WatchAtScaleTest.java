package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.testing.Sql;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.dataflow.privatelink.worker.service.ReconcileCycle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batched watch on Alibaba Cloud at the scale: 2,000 connections waiting for acceptance cost
 * at most two ListVpcEndpoints calls per cycle (pages of 1,000). An account and database of its own.
 */
@QuarkusTest
@TestProfile(WatchAtScaleTest.ScaleAccount.class)
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_alicloud_scale"))
@QuarkusTestResource(value = AlicloudSimulatorResource.class, restrictToAnnotatedClass = true)
class WatchAtScaleTest {

    static final String ACCOUNT = "1000000000000003";
    static final String KEY = "LTAI5tScaleTest0000003";
    static final String SECRET = "scale-secret";
    static final int CONNECTIONS = 2000;

    public static class ScaleAccount implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plc.alicloud.access-key-id", KEY, "plc.alicloud.access-key-secret", SECRET);
        }
    }

    @Inject
    ReconcileCycle cycle;

    @Test
    void twoThousandPendingConnectionsCostAtMostTwoListCallsPerCycle() throws Exception {
        AlicloudSimulator simulator = AlicloudSimulatorResource.simulator;
        simulator.addAccount(ACCOUNT, KEY, SECRET);
        String vSwitch = "vsw-bp1scaletest0000000i";
        simulator.registerVSwitch(ACCOUNT, AlicloudSimulatorResource.REGION, "vpc-bp1scaletest000001", vSwitch,
                "cn-hangzhou-i");
        ServiceRef service = simulator.createEndpointService(AlicloudSimulatorResource.OWNER_UID,
                AlicloudSimulatorResource.REGION, Acceptance.MANUAL, List.of("cn-hangzhou-i"));
        simulator.addUserToService(service.serviceId(), ACCOUNT);
        ClusterPlacement placement = new ClusterPlacement("cluster-scale", "p", CloudProvider.ALICLOUD,
                AlicloudSimulatorResource.REGION, ACCOUNT, "vpc-bp1scaletest000001", List.of("cn-hangzhou-i"),
                Map.of("cn-hangzhou-i", vSwitch), "sg-bp1scaletest00000001");
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(AlicloudSimulatorResource.REGION,
                KEY, SECRET));
        client.setEndpointResolver(request -> simulator.hostAndPort());

        // Creating the endpoints is set-up, not what is measured: in parallel, to keep the test short.
        List<String[]> created = IntStream.range(0, CONNECTIONS).parallel().mapToObj(i -> {
            String id = ConnectionIds.newId();
            CreateVpcEndpointRequest create = new CreateVpcEndpointRequest();
            create.setSysProtocol(ProtocolType.HTTP);
            create.setServiceName(service.serviceName());
            create.setVpcId(placement.vpcId());
            create.setSecurityGroupIds(List.of(placement.securityGroupId()));
            CreateVpcEndpointRequest.Zone zone = new CreateVpcEndpointRequest.Zone();
            zone.setZoneId("cn-hangzhou-i");
            zone.setVSwitchId(vSwitch);
            create.setZones(List.of(zone));
            create.setClientToken(id);
            create.setEndpointName(id);
            create.setEndpointDescription(new DeploymentIdentity("test").endpointMarker(id));
            try {
                return new String[] {id, client.getAcsResponse(create).getEndpointId()};
            } catch (ClientException e) {
                throw new UncheckedIOException(new java.io.IOException(e));
            }
        }).toList();
        {
            String[] ids = created.stream().map(pair -> pair[0]).toArray(String[]::new);
            String[] requests = created.stream().map(pair -> EventJson.write(new ConnectionRequested(pair[0], "cluster-scale", pair[0],
                        ConnectionType.ALICLOUD_ENDPOINT_SERVICE, service.serviceName(),
                        AlicloudSimulatorResource.REGION, "bench", Instant.now(), placement, io.dataflow.privatelink.worker.testing.WorkerEvents.nextVersion()))).toArray(String[]::new);
            String[] endpoints = created.stream().map(pair -> pair[1]).toArray(String[]::new);
            Sql.execute("""
                    INSERT INTO managed_endpoint (connection_id, cluster_id, request, state, endpoint_id, az_ids,
                      accept_deadline, updated_at, acceptance_required)
                    SELECT id, 'cluster-scale', request, 'PENDING_ACCEPTANCE', endpoint, ARRAY['cn-hangzhou-i'],
                           now() + interval '7 days', now(), TRUE
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[])) AS r(id, request, endpoint)""",
                    ids, requests, endpoints);
        }

        long first = cycle.completedPasses() + 1;
        await().atMost(Duration.ofSeconds(60)).until(() -> cycle.completedPasses() >= first);
        simulator.resetCallCounts();
        long start = cycle.completedPasses();
        await().atMost(Duration.ofSeconds(60)).until(() -> cycle.completedPasses() >= start + 4);
        long passes = cycle.completedPasses() - start;
        long lists = simulator.callCount("ListVpcEndpoints");

        assertTrue(lists <= 2 * (passes + 1),
                lists + " ListVpcEndpoints calls in " + passes + " passes over " + CONNECTIONS + " connections");
        // ...and a pass that had made its calls before the reset may finish inside it.
        assertTrue(lists >= 2 * (passes - 1), "each pass read both pages: " + lists + " calls, " + passes + " passes");
    }
}
