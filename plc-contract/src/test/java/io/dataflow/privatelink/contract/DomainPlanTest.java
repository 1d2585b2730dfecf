package io.dataflow.privatelink.contract;

import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainNames;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.domains.RecordTarget;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainPlanTest {

    @Test
    void managedUniqueNamesAre26Base32CharactersAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String name = DomainNames.newManagedUniqueName();
            assertTrue(DomainNames.isManagedUniqueName(name), name);
            assertTrue(seen.add(name));
        }
        assertFalse(DomainNames.isManagedUniqueName("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        assertFalse(DomainNames.isManagedUniqueName("abcdefghijklmnopqrstuvwxy1"));
    }

    @Test
    void confluentNamesAreANetworkIdAndAnAwsRegion() {
        assertEquals(Optional.of("us-east-1"), DomainNames.confluentRegion("n1abc2.us-east-1"));
        assertEquals(Optional.of("ap-southeast-2"), DomainNames.confluentRegion("pr-1x2.ap-southeast-2"));
        assertEquals(Optional.empty(), DomainNames.confluentRegion("n1abc2"));
        assertEquals(Optional.empty(), DomainNames.confluentRegion("n1abc2.nowhere"));
        assertEquals(Optional.empty(), DomainNames.confluentRegion("-bad.us-east-1"));
        assertEquals(Optional.empty(), DomainNames.confluentRegion("a.b.us-east-1"));
    }

    @Test
    void awsManagedHasOneZonalWildcardPerEndpointZone() {
        DomainPlan plan = DomainPlan.of(ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, "u",
                List.of("use1-az1", "use1-az4"), BaseDomains.DEFAULT);
        assertEquals("u.aws.plc.tidbcloud.com", plan.zoneName());
        assertEquals(List.of("*.use1-az1.u.aws.plc.tidbcloud.com", "*.use1-az4.u.aws.plc.tidbcloud.com"),
                plan.domainNames());
        assertEquals(RecordTarget.zonal("use1-az4"), plan.records().get(1).target());
    }

    @Test
    void confluentAddsTheRegionalWildcardAndAlibabaHasOneUnderItsProvider() {
        DomainPlan confluent = DomainPlan.of(ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.CONFLUENT,
                "n1.us-east-1", List.of("use1-az1"), BaseDomains.DEFAULT);
        assertEquals(List.of("*.n1.us-east-1.aws.confluent.cloud", "*.use1-az1.n1.us-east-1.aws.confluent.cloud"),
                confluent.domainNames());
        assertTrue(confluent.records().get(0).target().regional());

        DomainPlan alibaba = DomainPlan.of(ConnectionType.ALICLOUD_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED,
                "u", List.of("cn-hangzhou-i"), new BaseDomains("plc.example.net", "confluent.cloud"));
        assertEquals(List.of("*.u.alicloud.plc.example.net"), alibaba.domainNames());
    }

    @Test
    void confluentOnAlibabaIsNotSupported() {
        assertFalse(DomainPlan.supports(ConnectionType.ALICLOUD_ENDPOINT_SERVICE, DomainType.CONFLUENT));
        assertThrows(IllegalArgumentException.class, () -> DomainPlan.of(ConnectionType.ALICLOUD_ENDPOINT_SERVICE,
                DomainType.CONFLUENT, "n1.cn-hangzhou", List.of(), BaseDomains.DEFAULT));
    }
}
