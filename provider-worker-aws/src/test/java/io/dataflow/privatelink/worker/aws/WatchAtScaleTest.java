package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.testing.Sql;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.worker.service.ReconcileCycle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batched watch at the scale: 2,000 connections waiting for acceptance are observed with at
 * most two DescribeVpcEndpoints calls per cycle (pages of 1,000), never one call per connection, and
 * with a fixed number of statements: the unchanged endpoints are read once and cost no write and no
 * transaction. Runs in an account and database of its own, so nothing else is watched alongside.
 */
@QuarkusTest
@TestProfile(WatchAtScaleTest.ScaleAccount.class)
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_aws_scale"))
@QuarkusTestResource(value = Ec2SimulatorResource.class, restrictToAnnotatedClass = true)
class WatchAtScaleTest {

    static final String ACCOUNT = "333333333333";
    static final String KEY = "AKIASCALETEST0000001";
    static final int CONNECTIONS = 2000;

    public static class ScaleAccount implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plc.aws.access-key-id", KEY);
        }
    }

    @Inject
    ReconcileCycle cycle;

    @Test
    void twoThousandPendingConnectionsCostAtMostTwoDescribeCallsPerCycle() throws Exception {
        Ec2Simulator simulator = Ec2SimulatorResource.simulator;
        simulator.addAccount(ACCOUNT, KEY);
        Ec2SimulatorResource.SUBNETS.forEach((zone, subnet) -> simulator.registerSubnet(ACCOUNT, "vpc-0scale", subnet,
                zone, zone.equals("use1-az1") ? "us-east-1a" : "us-east-1b"));
        ServiceRef service = simulator.createEndpointService(Ec2SimulatorResource.CUSTOMER_ACCOUNT,
                "us-east-1", Acceptance.MANUAL, List.of(Ec2SimulatorResource.AZ1));
        simulator.allowPrincipal(service.serviceId(), "arn:aws:iam::" + ACCOUNT + ":root");
        ClusterPlacement placement = new ClusterPlacement("cluster-scale", "p", CloudProvider.AWS, "us-east-1", ACCOUNT,
                "vpc-0scale", List.of("use1-az1"), Map.of("use1-az1", Ec2SimulatorResource.SUBNETS.get("use1-az1")),
                "sg-0scale");

        try (Ec2Client ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            // Creating the endpoints is set-up, not what is measured: in parallel, to keep the test short.
            List<String[]> created = IntStream.range(0, CONNECTIONS).parallel().mapToObj(i -> {
                String id = ConnectionIds.newId();
                String endpointId = ec2.createVpcEndpoint(r -> r.vpcId("vpc-0scale").vpcEndpointType("Interface")
                        .serviceName(service.serviceName()).subnetIds(placement.subnetIdsByAz().get("use1-az1"))
                        .clientToken(id)
                        .tagSpecifications(t -> t.resourceType("vpc-endpoint")
                                .tags(tag -> tag.key("dataflow-privatelink:connection-id").value(id),
                                        tag -> tag.key("dataflow-privatelink:deployment-id").value("test"))))
                        .vpcEndpoint().vpcEndpointId();
                return new String[] {id, endpointId};
            }).toList();
            String[] ids = created.stream().map(pair -> pair[0]).toArray(String[]::new);
            String[] requests = created.stream().map(pair -> EventJson.write(new ConnectionRequested(pair[0], "cluster-scale", pair[0],
                        ConnectionType.AWS_ENDPOINT_SERVICE, service.serviceName(), "us-east-1", "bench", Instant.now(),
                        placement, io.dataflow.privatelink.worker.testing.WorkerEvents.nextVersion()))).toArray(String[]::new);
            String[] endpoints = created.stream().map(pair -> pair[1]).toArray(String[]::new);
            Sql.execute("""
                    INSERT INTO managed_endpoint (connection_id, cluster_id, request, state, endpoint_id, az_ids,
                      accept_deadline, updated_at, acceptance_required)
                    SELECT id, 'cluster-scale', request, 'PENDING_ACCEPTANCE', endpoint, ARRAY['use1-az1'],
                           now() + interval '7 days', now(), TRUE
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[])) AS r(id, request, endpoint)""",
                    ids, requests, endpoints);
        }

        // Measure over whole passes that all saw the 2,000 rows.
        long first = cycle.completedPasses() + 1;
        await().atMost(Duration.ofSeconds(60)).until(() -> cycle.completedPasses() >= first);
        simulator.resetCallCounts();
        Sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        Statements before = Statements.now();
        long start = cycle.completedPasses();
        await().atMost(Duration.ofSeconds(60)).until(() -> cycle.completedPasses() >= start + 4);
        long passes = cycle.completedPasses() - start;
        long describes = simulator.callCount("DescribeVpcEndpoints");
        Statements during = Statements.now().minus(before);

        // A pass may be under way at either end of the window: allow for one more than counted.
        assertTrue(describes <= 2 * (passes + 1),
                describes + " DescribeVpcEndpoints calls in " + passes + " passes over " + CONNECTIONS + " connections");
        // ...and a pass that had made its calls before the reset may finish inside it.
        assertTrue(describes >= 2 * (passes - 1), "each pass read both pages: " + describes + " calls, " + passes + " passes");

        // Per pass: the four queues' reads and the watch's (plus the sweep's known ids) touch managed_endpoint;
        // nothing was written, and the transactions are the background's (leases, relay), not one per row.
        assertTrue(during.readsOfEndpoints() <= 6 * (passes + 1), during + " in " + passes + " passes");
        assertEquals(0, during.writes(), during + " in " + passes + " passes");
        assertTrue(during.commits() < 10 * (passes + 1), during + " in " + passes + " passes over " + CONNECTIONS
                + " unchanged endpoints");
    }

    /** Statements this database ran so far, from pg_stat_statements (counted as the server runs them). */
    record Statements(long readsOfEndpoints, long writes, long commits) {

        static Statements now() {
            String ours = "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";
            return new Statements(
                    Sql.count("SELECT coalesce(sum(calls), 0) " + ours
                            + " AND query ~* '^\\s*select' AND query ILIKE '%managed_endpoint%'"),
                    Sql.count("SELECT coalesce(sum(calls), 0) " + ours
                            + " AND query ~* '^\\s*(insert|update|delete)'"
                            + " AND (query ILIKE '%managed_endpoint%' OR query ILIKE '%outbox_event%')"),
                    Sql.count("SELECT coalesce(sum(calls), 0) " + ours + " AND query ~* '^\\s*commit'"));
        }

        Statements minus(Statements earlier) {
            return new Statements(readsOfEndpoints - earlier.readsOfEndpoints, writes - earlier.writes,
                    commits - earlier.commits);
        }
    }
}
