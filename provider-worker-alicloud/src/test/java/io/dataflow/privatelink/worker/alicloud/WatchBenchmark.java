package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: {@code ./mvnw -pl provider-worker-alicloud -am verify -Pbenchmark}. Watch cost
 * for N = 100, 1,000, 10,000 endpoints: ListVpcEndpoints calls and wall time of one batched observation,
 * against a per-resource reconciler's one ListVpcEndpoints(EndpointId) per connection, in the same run.
 */
@Tag("benchmark")
class WatchBenchmark {

    private static final String REGION = AlicloudSimulatorResource.REGION;

    @Test
    void watchCostPerCycle() throws Exception {
        System.out.println("\n== Alibaba Cloud watch cost per cycle: batched vs one call per connection ==");
        System.out.printf("%8s | %14s %12s | %14s %12s | %10s%n", "N", "batched calls", "batched ms",
                "per-res calls", "per-res ms", "call ratio");
        for (int n : new int[] {100, 1_000, 10_000}) {
            try (AlicloudSimulator simulator = AlicloudSimulator.start(0)) {
                simulator.addAccount(AlicloudSimulatorResource.PLATFORM_UID, AlicloudSimulatorResource.PLATFORM_KEY,
                        AlicloudSimulatorResource.PLATFORM_SECRET);
                simulator.registerVSwitch(AlicloudSimulatorResource.PLATFORM_UID, REGION, "vpc-bp1bench", "vsw-bp1bench",
                        "cn-hangzhou-i");
                ServiceRef service = simulator.createEndpointService(
                        AlicloudSimulatorResource.OWNER_UID, REGION, Acceptance.MANUAL, List.of("cn-hangzhou-i"));
                simulator.addUserToService(service.serviceId(), AlicloudSimulatorResource.PLATFORM_UID);
                AlicloudEndpointCloud cloud = adapter(simulator);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ids.add(cloud.createEndpoint(spec(ConnectionIds.newId(), service.serviceName()),
                            List.of("cn-hangzhou-i")).endpointId());
                }

                simulator.resetCallCounts();
                long start = System.nanoTime();
                int seen = cloud.observeManagedEndpoints(new io.dataflow.privatelink.worker.cloud.CloudLocation("platform", REGION)).size();
                long batchedNanos = System.nanoTime() - start;
                long batchedCalls = simulator.callCount("ListVpcEndpoints");
                if (seen != n) {
                    throw new AssertionError("observed " + seen + " of " + n);
                }

                simulator.resetCallCounts();
                DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(REGION,
                        AlicloudSimulatorResource.PLATFORM_KEY, AlicloudSimulatorResource.PLATFORM_SECRET));
                client.setEndpointResolver(request -> simulator.hostAndPort());
                start = System.nanoTime();
                for (String endpointId : ids) {
                    ListVpcEndpointsRequest one = new ListVpcEndpointsRequest();
                    one.setSysProtocol(ProtocolType.HTTP);
                    one.setEndpointId(endpointId);
                    client.getAcsResponse(one);
                }
                long perResourceNanos = System.nanoTime() - start;
                long perResourceCalls = simulator.callCount("ListVpcEndpoints");
                System.out.printf("%8d | %14d %12.1f | %14d %12.1f | %9.0fx%n", n, batchedCalls, batchedNanos / 1e6,
                        perResourceCalls, perResourceNanos / 1e6, (double) perResourceCalls / batchedCalls);
            }
        }
    }

    private static EndpointSpec spec(String connectionId, String serviceName) {
        return new EndpointSpec(connectionId, serviceName, REGION, new ClusterPlacement("cluster-bench", "p",
                CloudProvider.ALICLOUD, REGION, AlicloudSimulatorResource.PLATFORM_UID, "vpc-bp1bench",
                List.of("cn-hangzhou-i"), Map.of("cn-hangzhou-i", "vsw-bp1bench"), "sg-bp1bench"));
    }

    /** The adapter as the worker builds it, from the same typed configuration (seeding needs no budget). */
    private static AlicloudEndpointCloud adapter(AlicloudSimulator simulator) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AlicloudConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of(
                        "plc.alicloud.endpoint", simulator.hostAndPort(),
                        "plc.alicloud.protocol", "http",
                        "plc.alicloud.access-key-id", AlicloudSimulatorResource.PLATFORM_KEY,
                        "plc.alicloud.access-key-secret", AlicloudSimulatorResource.PLATFORM_SECRET,
                        "plc.alicloud.budget.mutate-capacity", "1000000",
                        "plc.alicloud.budget.mutate-refill-per-second", "1000000"), "benchmark", 500))
                .build();
        AlicloudConfig alicloud = config.getConfigMapping(AlicloudConfig.class);
        return new AlicloudEndpointCloud(new PrivateLinkClient(alicloud, new CloudCredentials(), new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")), alicloud,
                new io.dataflow.privatelink.worker.ownership.DeploymentIdentity("benchmark"), new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }
}
