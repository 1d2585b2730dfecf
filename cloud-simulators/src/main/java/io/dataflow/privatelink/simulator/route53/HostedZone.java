package io.dataflow.privatelink.simulator.route53;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hosted zone and its record sets (mutable; guarded by the store's lock). Record sets are keyed by
 * normalised name and type; names keep Route 53's absolute form ({@code name.}).
 */
final class HostedZone implements Serializable {

    /** One record set: name (absolute, lowercase), type, TTL and values. */
    record RecordSet(String name, String type, long ttl, List<String> values) implements Serializable {
    }

    /** A VPC the private zone answers in. */
    record Vpc(String region, String vpcId) implements Serializable {
    }

    final String id;
    final String accountId;
    final String name;
    final String callerReference;
    final String comment;
    final boolean privateZone;
    final List<Vpc> vpcs;
    final Map<String, RecordSet> records = new TreeMap<>();

    HostedZone(String id, String accountId, String name, String callerReference, String comment, boolean privateZone,
               List<Vpc> vpcs) {
        this.id = id;
        this.accountId = accountId;
        this.name = name;
        this.callerReference = callerReference;
        this.comment = comment;
        this.privateZone = privateZone;
        this.vpcs = List.copyOf(vpcs);
    }

    static String key(String name, String type) {
        return name + "|" + type;
    }

    /** Record sets other than the SOA and NS Route 53 makes with the zone. */
    List<RecordSet> userRecords() {
        return records.values().stream().filter(r -> !r.type().equals("SOA") && !r.type().equals("NS")).toList();
    }
}
