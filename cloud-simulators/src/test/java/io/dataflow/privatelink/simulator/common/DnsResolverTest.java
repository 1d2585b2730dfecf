package io.dataflow.privatelink.simulator.common;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
        assertEquals(List.of(), zonal.addresses(), "no endpoint of the VPC has that name");
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
    void anEndpointsNamesAnswerItsAddressesThroughCnamesAndDirectlyOtherTargetsNone() {
        String az2 = "vpce-0a-1b-us-east-1b.vpce-svc-0c.us-east-1.vpce.amazonaws.com";
        ReachableEndpoint endpoint = new ReachableEndpoint("vpce-0a", "vpce-svc-0c", REGIONAL, List.of(
                new ReachableEndpoint.Zone("use1-az1", AZ1, "127.64.0.1"),
                new ReachableEndpoint.Zone("use1-az2", az2, "127.64.0.2")));
        Function<String, Optional<ReachableEndpoint>> inVpc =
                name -> endpoint.isNamed(name) ? Optional.of(endpoint) : Optional.empty();

        DnsAnswer regional = DnsResolver.resolve(List.of(confluent), inVpc, "lkc-1.n1.us-east-1.aws.confluent.cloud");
        assertEquals(new DnsAnswer("lkc-1.n1.us-east-1.aws.confluent.cloud",
                List.of("lkc-1.n1.us-east-1.aws.confluent.cloud", REGIONAL), REGIONAL, "NOERROR",
                List.of("127.64.0.1", "127.64.0.2")), regional);
        assertEquals(List.of("127.64.0.1"), DnsResolver.resolve(List.of(confluent), inVpc,
                "e-1.use1-az1.n1.us-east-1.aws.confluent.cloud").addresses(), "a zonal name: its zone only");

        // Queried directly, an endpoint's name is no longer NXDOMAIN.
        DnsAnswer direct = DnsResolver.resolve(List.of(), inVpc, az2.toUpperCase(Locale.ROOT) + ".");
        assertEquals("NOERROR", direct.status());
        assertEquals(List.of(az2), direct.chain());
        assertEquals(List.of("127.64.0.2"), direct.addresses());
        assertEquals(List.of("127.64.0.1", "127.64.0.2"), DnsResolver.resolve(List.of(), inVpc, REGIONAL).addresses());

        // A chain that ends elsewhere keeps its answer, without addresses; unknown names stay NXDOMAIN.
        DnsZone other = new DnsZone("x.example", Map.of("a.x.example", "elsewhere.example"));
        DnsAnswer elsewhere = DnsResolver.resolve(List.of(other), inVpc, "a.x.example");
        assertEquals("elsewhere.example", elsewhere.target());
        assertEquals(List.of(), elsewhere.addresses());
        DnsAnswer unknown = DnsResolver.resolve(List.of(other), inVpc, "elsewhere.example");
        assertEquals("NXDOMAIN", unknown.status());
        assertEquals(List.of(), unknown.addresses());
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
