package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every request goes over HTTPS, PrivateZone's CommonRequest (plain HTTP by the SDK's default) included. */
class RequestProtocolTest {

    @Test
    void everyRequestIsSentOverHttpsByDefault() {
        PrivateLinkClient client = client(Map.of());

        assertEquals(ProtocolType.HTTPS, client.prepared(new CommonRequest()).getSysProtocol(),
                "PrivateZone (CommonRequest)");
        assertEquals(ProtocolType.HTTPS, client.prepared(new CreateVpcEndpointRequest()).getSysProtocol(),
                "PrivateLink");
    }

    @Test
    void plainHttpOnlyWhenConfiguredForTheSimulator() {
        PrivateLinkClient client = client(Map.of("plc.alicloud.protocol", "http"));

        assertEquals(ProtocolType.HTTP, client.prepared(new CommonRequest()).getSysProtocol());
        assertEquals(ProtocolType.HTTP, client.prepared(new CreateVpcEndpointRequest()).getSysProtocol());
    }

    @Test
    void aMissingRamPermissionIsRetriedAndGoesToOperatorsWithoutThePlatformsAccountInTheMessage() {
        CloudCredentials credentials = new CloudCredentials();
        PrivateLinkClient client = new PrivateLinkClient(config(Map.of("plc.alicloud.retry.max-attempts", "1")),
                credentials, new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"));
        String raw = "User not authorized to operate on the specified resource. acs:ram::1000000000000001:role/plc";

        io.dataflow.privatelink.worker.cloud.CloudException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.dataflow.privatelink.worker.cloud.CloudException.class, () -> client.classified("CreateVpcEndpoint", () -> {
                    throw new com.aliyuncs.exceptions.ClientException("Forbidden.RAM", raw, "req-1");
                }));

        org.junit.jupiter.api.Assertions.assertTrue(e.retryable());
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("1000000000000001"), e.getMessage());
        assertEquals(raw, credentials.needingOperator().get("Forbidden.RAM"));
    }

    private static PrivateLinkClient client(Map<String, String> overrides) {
        return new PrivateLinkClient(config(overrides), new CloudCredentials(), new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"));
    }

    private static AlicloudConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "plc.alicloud.access-key-id", "key", "plc.alicloud.access-key-secret", "secret"));
        properties.putAll(overrides);
        return new SmallRyeConfigBuilder()
                .withMapping(AlicloudConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(AlicloudConfig.class);
    }
}
