package io.dataflow.privatelink.contract;

import io.dataflow.privatelink.contract.domains.DomainNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The patterns the console checks input with say exactly what the API's own checks say. */
class NamePatternsTest {

    private static final List<String> SERVICE_NAMES = List.of(
            EndpointServiceNames.AWS_EXAMPLE, EndpointServiceNames.ALICLOUD_EXAMPLE,
            "com.amazonaws.vpce.eu-central-1.vpce-svc-0123456789abcdef0",
            "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef", // 16 hex
            "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789ABCDEF0",
            "com.amazonaws.vpce.useast1.vpce-svc-0123456789abcdef0",
            "com.aliyuncs.privatelink.cn-hangzhou.epsrv-short",
            "com.aliyuncs.privatelink.ap-southeast-1.epsrv-0123456789abcdefghij",
            " com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "", "x");

    private static final List<String> UNIQUE_NAMES = List.of(DomainNames.CONFLUENT_EXAMPLE, "n-abc123.us-east-1",
            "abc.eu-west-2", "-abc.us-east-1", "abc-.us-east-1", "abc.us-east", "abc.US-EAST-1", "abc",
            "a.b.us-east-1", "abc.us-east-1.", "a".repeat(63) + ".us-east-1", "a".repeat(64) + ".us-east-1");

    @Test
    void servicePatternsAcceptWhatTheApiAccepts() {
        for (ConnectionType type : ConnectionType.values()) {
            Pattern pattern = Pattern.compile(EndpointServiceNames.pattern(type));
            for (String name : SERVICE_NAMES) {
                assertEquals(EndpointServiceNames.regionOf(type, name).isPresent(), pattern.matcher(name).matches(),
                        type + " " + name);
            }
        }
    }

    @Test
    void confluentPatternAcceptsWhatTheApiAccepts() {
        Pattern pattern = Pattern.compile(DomainNames.confluentPattern());
        for (String name : UNIQUE_NAMES) {
            assertEquals(DomainNames.confluentRegion(name).isPresent(), pattern.matcher(name).matches(), name);
        }
    }
}
