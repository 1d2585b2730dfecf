package io.dataflow.privatelink.contract.domains;

import io.dataflow.privatelink.contract.ConnectionType;

import java.util.ArrayList;
import java.util.List;

/**
 * What attaching a unique name to a connection makes: one private DNS zone and its wildcard records
 * (DESIGN section 5). connection-service shows the names; the workers make the zone and point each
 * record at the endpoint DNS name its {@link RecordTarget} says.
 * <ul>
 *   <li>AWS, managed: zone {@code <unique>.aws.<managed base>}, {@code *.<azId>.<zone>} per endpoint zone → that zone's endpoint name.</li>
 *   <li>AWS, Confluent: zone {@code <network>.<region>.aws.<confluent base>}, {@code *.<zone>} → regional name, and
 *       {@code *.<azId>.<zone>} per endpoint zone → zonal name, as Confluent's PrivateLink DNS requires.</li>
 *   <li>Alibaba Cloud, managed: zone {@code <unique>.alicloud.<managed base>}, {@code *.<zone>} → the endpoint's domain.</li>
 * </ul>
 */
public record DomainPlan(String zoneName, List<DomainRecord> records) {

    public DomainPlan {
        records = List.copyOf(records);
    }

    /** Whether this domain type can be attached to this kind of connection. */
    public static boolean supports(ConnectionType connectionType, DomainType domainType) {
        return domainType == DomainType.TIDBCLOUD_MANAGED
                || (domainType == DomainType.CONFLUENT && connectionType == ConnectionType.AWS_ENDPOINT_SERVICE);
    }

    /**
     * The plan for a supported combination; {@code azIds} are the endpoint's zones (AWS records are per
     * zone). The caller has checked the unique name's format.
     */
    public static DomainPlan of(ConnectionType connectionType, DomainType domainType, String uniqueName,
                                List<String> azIds, BaseDomains bases) {
        if (!supports(connectionType, domainType)) {
            throw new IllegalArgumentException(domainType + " domains cannot be attached to " + connectionType);
        }
        List<DomainRecord> records = new ArrayList<>();
        if (connectionType == ConnectionType.ALICLOUD_ENDPOINT_SERVICE) {
            String zone = uniqueName + ".alicloud." + bases.managed();
            records.add(new DomainRecord("*." + zone, RecordTarget.REGIONAL));
            return new DomainPlan(zone, records);
        }
        String zone = domainType == DomainType.CONFLUENT
                ? uniqueName + ".aws." + bases.confluent()
                : uniqueName + ".aws." + bases.managed();
        if (domainType == DomainType.CONFLUENT) {
            records.add(new DomainRecord("*." + zone, RecordTarget.REGIONAL));
        }
        for (String azId : azIds == null ? List.<String>of() : azIds) {
            records.add(new DomainRecord("*." + azId + "." + zone, RecordTarget.zonal(azId)));
        }
        return new DomainPlan(zone, records);
    }

    public List<String> domainNames() {
        return records.stream().map(DomainRecord::name).toList();
    }
}
