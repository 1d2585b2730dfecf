package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.simulator.common.DnsAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PrivateZone, driven as the worker drives it: the core SDK's CommonRequest, signed, over HTTP. */
class PrivateZoneTest {

    private static final String ZONE = "u1.alicloud.plc.tidbcloud.com";
    private static final String TARGET = "ep-bp1test.epsrv-bp1test.cn-hangzhou.privatelink.aliyuncs.com";

    private AlicloudHarness harness;

    @BeforeEach
    void start() {
        harness = AlicloudHarness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void zonesAreIdempotentByClientTokenBoundToTheVpcAndResolveThroughWildcards() throws Exception {
        String zoneId = call(harness.platform, "AddZone", Map.of("ZoneName", ZONE, "ClientToken", "attach-1",
                "Remark", "marker")).path("ZoneId").asText();
        assertEquals(zoneId, call(harness.platform, "AddZone", Map.of("ZoneName", ZONE, "ClientToken", "attach-1",
                "Remark", "marker")).path("ZoneId").asText());
        JsonNode found = call(harness.platform, "DescribeZones", Map.of("Keyword", ZONE, "SearchMode", "EXACT"));
        assertEquals(1, found.path("TotalItems").asInt());
        assertEquals("marker", found.path("Zones").path("Zone").get(0).path("Remark").asText());

        call(harness.platform, "BindZoneVpc", Map.of("ZoneId", zoneId, "Vpcs.1.RegionId", "cn-hangzhou",
                "Vpcs.1.VpcId", AlicloudHarness.VPC));
        call(harness.platform, "AddZoneRecord", Map.of("ZoneId", zoneId, "Rr", "*", "Type", "CNAME",
                "Value", TARGET, "Ttl", "60"));
        assertEquals("Record.Invalid.Conflict", code(() -> call(harness.platform, "AddZoneRecord", Map.of(
                "ZoneId", zoneId, "Rr", "*", "Type", "CNAME", "Value", "other.example", "Ttl", "60"))));

        DnsAnswer answer = harness.simulator.resolve(AlicloudHarness.VPC, "b1." + ZONE);
        assertEquals(TARGET, answer.target());
        assertEquals("NXDOMAIN", harness.simulator.resolve("vpc-other", "b1." + ZONE).status());
        JsonNode info = call(harness.platform, "DescribeZoneInfo", Map.of("ZoneId", zoneId));
        assertEquals(AlicloudHarness.VPC, info.path("BindVpcs").path("Vpc").get(0).path("VpcId").asText());
    }

    @Test
    void aZoneGoesOnlyOnceItsRecordsAndBindingsAreRemoved() throws Exception {
        String zoneId = call(harness.platform, "AddZone", Map.of("ZoneName", ZONE)).path("ZoneId").asText();
        call(harness.platform, "BindZoneVpc", Map.of("ZoneId", zoneId, "Vpcs.1.VpcId", AlicloudHarness.VPC));
        String recordId = call(harness.platform, "AddZoneRecord", Map.of("ZoneId", zoneId, "Rr", "*",
                "Type", "CNAME", "Value", TARGET)).path("RecordId").asText();

        assertEquals("Zone.VpcExists", code(() -> call(harness.platform, "DeleteZone", Map.of("ZoneId", zoneId))));
        call(harness.platform, "BindZoneVpc", Map.of("ZoneId", zoneId));
        assertEquals("Zone.NotEmpty", code(() -> call(harness.platform, "DeleteZone", Map.of("ZoneId", zoneId))));
        JsonNode records = call(harness.platform, "DescribeZoneRecords", Map.of("ZoneId", zoneId));
        assertEquals(recordId, records.path("Records").path("Record").get(0).path("RecordId").asText());
        call(harness.platform, "DeleteZoneRecord", Map.of("RecordId", recordId));
        call(harness.platform, "DeleteZone", Map.of("ZoneId", zoneId));
        assertEquals("Zone.Invalid.Id", code(() -> call(harness.platform, "DescribeZoneInfo", Map.of("ZoneId", zoneId))));
        // Another account sees none of it.
        assertEquals(0, call(harness.other, "DescribeZones", Map.of()).path("TotalItems").asInt());
    }

    @Test
    void aWrongSecretIsRefused() {
        DefaultAcsClient forged = harness.client(AlicloudHarness.PLATFORM_KEY, "not-the-secret");
        assertEquals("SignatureDoesNotMatch", code(() -> call(forged, "DescribeZones", Map.of())));
    }

    private JsonNode call(DefaultAcsClient client, String action, Map<String, String> parameters) throws ClientException {
        return harness.privateZone(client, action, parameters);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String code(Call call) {
        ClientException e = assertThrows(ClientException.class, call::run);
        return e.getErrCode();
    }
}
