package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.ec2.AvailabilityZone;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: run with {@code ./mvnw -pl provider-worker-aws -am verify -Pbenchmark}.
 * Drives the AWS adapter (real SDK, client-side budgets) against the EC2 simulator and prints:
 * <ol>
 *   <li>watch cost for N = 100, 1,000, 10,000 endpoints: DescribeVpcEndpoints calls and wall time of one
 *       batched observation, against a per-resource reconciler's one describe per connection, both
 *       measured in the same run;</li>
 *   <li>a burst of creates under a scaled create bucket enforced by the simulator: achieved create rate
 *       as a ratio of the bucket's refill rate, and the throttling errors the simulator returned.</li>
 * </ol>
 */
@Tag("benchmark")
class WatchAndCreateBenchmark {

    private static final String REGION = "us-east-1";
    private static final String SUBNET = "subnet-0bench";

    @Test
    void watchCostPerCycle() {
        System.out.println("\n== Watch cost per cycle: batched observation vs one describe per connection ==");
        System.out.printf("%8s | %14s %12s | %14s %12s | %10s%n", "N", "batched calls", "batched ms",
                "per-res calls", "per-res ms", "call ratio");
        for (int n : new int[] {100, 1_000, 10_000}) {
            try (Ec2Simulator ec2 = Ec2Simulator.start(0, Ec2SimulatorConfig.builder().defaultRegion(REGION).build())) {
                ServiceRef service = seed(ec2);
                // Seeding is not what is measured: no create budget for it.
                AwsEndpointCloud cloud = adapter(ec2, Map.of("plc.aws.budgets.mutate-capacity", "1000000",
                        "plc.aws.budgets.mutate-refill-per-second", "1000000"));
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String id = ConnectionIds.newId();
                    ids.add(cloud.createEndpoint(spec(id, service.serviceName()), List.of("use1-az1")).endpointId());
                }

                ec2.resetCallCounts();
                long start = System.nanoTime();
                int seen = cloud.observeManagedEndpoints(new io.dataflow.privatelink.worker.cloud.CloudLocation(
                        Ec2SimulatorResource.PLATFORM_ACCOUNT, REGION)).size();
                long batchedNanos = System.nanoTime() - start;
                long batchedCalls = ec2.callCount("DescribeVpcEndpoints");
                if (seen != n) {
                    throw new AssertionError("observed " + seen + " of " + n);
                }

                ec2.resetCallCounts();
                start = System.nanoTime();
                try (Ec2Client client = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(ec2.endpoint())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                Ec2SimulatorResource.PLATFORM_KEY, "secret")))
                        .httpClientBuilder(ApacheHttpClient.builder()).build()) {
                    for (String endpointId : ids) {
                        client.describeVpcEndpoints(r -> r.filters(Filter.builder().name("vpc-endpoint-id")
                                .values(endpointId).build()));
                    }
                }
                long perResourceNanos = System.nanoTime() - start;
                long perResourceCalls = ec2.callCount("DescribeVpcEndpoints");
                System.out.printf("%8d | %14d %12.1f | %14d %12.1f | %9.0fx%n", n, batchedCalls, batchedNanos / 1e6,
                        perResourceCalls, perResourceNanos / 1e6, (double) perResourceCalls / batchedCalls);
            }
        }
    }

    @Test
    void createBurstUnderTheCreateBucket() throws InterruptedException {
        // EC2's create bucket (4 tokens, 0.3/s) scaled up 10x in refill so the run takes seconds, not minutes.
        int capacity = 4;
        double refill = 3.0;
        int burst = 40;
        try (Ec2Simulator ec2 = Ec2Simulator.start(0, Ec2SimulatorConfig.builder().defaultRegion(REGION)
                .rateLimitsEnabled(true)
                .rateBucket(Ec2SimulatorConfig.VPC_ENDPOINT_MUTATION, new RateBucketSpec(capacity, refill))
                .build())) {
            ServiceRef service = seed(ec2);
            AwsEndpointCloud cloud = adapter(ec2, Map.of(
                    "plc.aws.budgets.mutate-capacity", String.valueOf(capacity),
                    "plc.aws.budgets.mutate-refill-per-second", String.valueOf(refill)));
            ec2.resetCallCounts();

            // What the reconcile cycle does: create until the budget says "later", then wait for the next pass.
            int created = 0;
            int passes = 0;
            long start = System.nanoTime();
            while (created < burst) {
                passes++;
                while (created < burst) {
                    try {
                        cloud.createEndpoint(spec(ConnectionIds.newId(), service.serviceName()), List.of("use1-az1"));
                        created++;
                    } catch (CloudException busy) {
                        break;
                    }
                }
                if (created < burst) {
                    Thread.sleep(100); // the pass interval of this emulated worker
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The first `capacity` creates use the full bucket; the rest can only come at the refill rate.
            double achievedRate = (created - capacity) / seconds;
            System.out.println("\n== Create burst under a scaled create bucket (capacity " + capacity + ", refill "
                    + refill + "/s) ==");
            System.out.printf("creates %d in %.2f s over %d passes; achieved %.2f/s after the initial burst;"
                            + " ratio to refill %.2f; throttling errors from the simulator: %d%n",
                    created, seconds, passes, achievedRate, achievedRate / refill, ec2.throttledCount());
        }
    }

    private static ServiceRef seed(Ec2Simulator ec2) {
        ec2.addAccount(Ec2SimulatorResource.PLATFORM_ACCOUNT, Ec2SimulatorResource.PLATFORM_KEY);
        ec2.registerSubnet(Ec2SimulatorResource.PLATFORM_ACCOUNT, "vpc-0bench", SUBNET, "use1-az1", "us-east-1a");
        ServiceRef service = ec2.createEndpointService(Ec2SimulatorResource.CUSTOMER_ACCOUNT, REGION,
                Acceptance.MANUAL, List.of(AvailabilityZone.of("use1-az1", "us-east-1a")));
        ec2.allowPrincipal(service.serviceId(), "arn:aws:iam::" + Ec2SimulatorResource.PLATFORM_ACCOUNT + ":root");
        return service;
    }

    private static EndpointSpec spec(String connectionId, String serviceName) {
        return new EndpointSpec(connectionId, serviceName, REGION, new ClusterPlacement("cluster-bench", "p",
                CloudProvider.AWS, REGION, Ec2SimulatorResource.PLATFORM_ACCOUNT, "vpc-0bench", List.of("use1-az1"),
                Map.of("use1-az1", SUBNET), "sg-0bench"));
    }

    /** The adapter as the worker builds it, from the same typed configuration. */
    private static AwsEndpointCloud adapter(Ec2Simulator ec2, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "plc.aws.ec2-endpoint", ec2.endpoint().toString(),
                "plc.aws.access-key-id", Ec2SimulatorResource.PLATFORM_KEY,
                "plc.aws.secret-access-key", "secret",
                "plc.aws.retry.base-delay", "10ms",
                "plc.aws.retry.throttling-base-delay", "20ms",
                "plc.aws.budgets.describe-capacity", "100000",
                "plc.aws.budgets.describe-refill-per-second", "100000"));
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AwsConfig.class)
                // Quarkus's duration syntax ("30s", "10ms"), as the worker reads it
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "benchmark", 500))
                .build();
        AwsClients clients = new AwsClients(config.getConfigMapping(AwsConfig.class),
                new io.dataflow.privatelink.worker.ownership.DeploymentIdentity("benchmark"),
                new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), io.opentelemetry.api.OpenTelemetry.noop());
        AwsCalls calls = new AwsCalls(new io.dataflow.privatelink.worker.health.CloudCredentials());
        return new AwsEndpointCloud(clients, calls, new AccountZones(clients, calls),
                new io.dataflow.privatelink.worker.ownership.DeploymentIdentity("benchmark"));
    }
}
