package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulatorConfig;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Without a configured AccessKey the worker takes its credentials from Alibaba Cloud's standard chain (as a
 * pod with an OIDC role or an ECS instance with a RAM role does); here its first link, the JVM's
 * {@code alibabacloud.*} properties, against the simulator, which verifies every request's signature.
 */
class CredentialsChainTest {

    private AlicloudSimulator simulator;

    @AfterEach
    void tearDown() {
        System.clearProperty("alibabacloud.accessKeyId");
        System.clearProperty("alibabacloud.accessKeyIdSecret");
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void withoutConfiguredKeysTheSdksChainSignsTheCalls() {
        simulator = AlicloudSimulator.start(0, AlicloudSimulatorConfig.builder().build());
        simulator.addAccount("1000000000000009", "LTAI5tChainTest0001", "chain-secret");
        System.setProperty("alibabacloud.accessKeyId", "LTAI5tChainTest0001");
        System.setProperty("alibabacloud.accessKeyIdSecret", "chain-secret");
        AlicloudConfig config = new SmallRyeConfigBuilder()
                .withMapping(AlicloudConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("plc.alicloud.endpoint", simulator.hostAndPort(),
                        "plc.alicloud.protocol", "http"), "test", 500))
                .build().getConfigMapping(AlicloudConfig.class);
        PrivateLinkClient client = new PrivateLinkClient(config, new CloudCredentials(), new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"));
        ListVpcEndpointsRequest request = new ListVpcEndpointsRequest();
        request.setSysRegionId("cn-hangzhou");

        assertNotNull(client.call("cn-hangzhou", request).getEndpoints());
    }
}
