package io.dataflow.privatelink.simulator.common;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DnsResolverTest {

    private static final String REGIONAL = "vpce-0a-1b.vpce-svc-0c.us-east-1.vpce.amazonaws.com";
    private static final String AZ1 = "vpce-0a-1b-us-east-1a.vpce-svc-0c.us-east-1.vpce.amazonaws.com";

    private final DnsZone confluent = new DnsZone("n1.us-east-1.aws.confluent.cloud.", Map.of(
            "*.n1.us-east-1.aws.confluent.cloud", REGIONAL,
            "*.use1-az1.n1.us-east-1.aws.confluent.cloud", AZ1));

    @Test
    void theClosestEnclosersWildcardAnswersSoZonalNamesGetTheirZone() {
        DnsAnswer zonal = DnsResolver.resolve(List.of(confluent), "E-1A2B.use1-az1.n1.us-east-1.aws.confluent.cloud.");
        assertEquals("NOERROR", zonal.status());
        assertEquals(AZ1, zonal.target());
        assertEquals(List.of("e-1a2b.use1-az1.n1.us-east-1.aws.confluent.cloud", AZ1), zonal.chain());
        assertEquals(REGIONAL, DnsResolver.resolve(List.of(confluent), "lkc-1.n1.us-east-1.aws.confluent.cloud").target());
        // Deeper names under a wildcard match too; a name in another zone of the VPC's does not.
        assertEquals(REGIONAL, DnsResolver.resolve(List.of(confluent), "a.b.n1.us-east-1.aws.confluent.cloud").target());
        assertEquals("NXDOMAIN", DnsResolver.resolve(List.of(confluent), "x.n2.us-east-1.aws.confluent.cloud").status());
    }

    @Test
    void cnameChainsAreFollowedAcrossZonesAndExactNamesBeatWildcards() {
        Map<String, String> platform = new HashMap<>();
        platform.put("*.u.aws.plc.example", "alias.internal.example");
        platform.put("direct.u.aws.plc.example", null);
        DnsZone a = new DnsZone("u.aws.plc.example", platform);
        DnsZone b = new DnsZone("internal.example", Map.of("alias.internal.example", AZ1));

        DnsAnswer answer = DnsResolver.resolve(List.of(a, b), "b1.u.aws.plc.example");
        assertEquals(List.of("b1.u.aws.plc.example", "alias.internal.example", AZ1), answer.chain());
        assertEquals(AZ1, answer.target());
        DnsAnswer exact = DnsResolver.resolve(List.of(a, b), "direct.u.aws.plc.example");
        assertEquals("direct.u.aws.plc.example", exact.target());
    }

    @Test
    void namesUnderNoZoneOrWithoutARecordAreNxdomainAndLoopsStop() {
        assertEquals("NXDOMAIN", DnsResolver.resolve(List.of(confluent), "example.com").status());
        assertNull(DnsResolver.resolve(List.of(), "b1.x.example").target());
        DnsZone loop = new DnsZone("loop.example", Map.of("a.loop.example", "b.loop.example",
                "b.loop.example", "a.loop.example"));
        assertEquals("SERVFAIL", DnsResolver.resolve(List.of(loop), "a.loop.example").status());
    }
}
