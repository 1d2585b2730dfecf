package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.worker.cloud.CloudLocation;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each platform account's zone table: zone id by zone name, per account and region. Zone names are an account's own
 * labels (us-east-1a is not the same zone in two accounts); ids are the same everywhere, and what the
 * plans and events carry. Fixed for an account, so read once per region.
 */
@ApplicationScoped
public class AccountZones {

    private final AwsClients clients;
    private final AwsCalls calls;
    private final Map<CloudLocation, Map<String, String>> idsByName = new ConcurrentHashMap<>();

    AccountZones(AwsClients clients, AwsCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    /** Zone id by zone name in the location's region, as its account names them. */
    public Map<String, String> idsByName(CloudLocation location) {
        return idsByName.computeIfAbsent(location, l -> {
            String r = l.region();
            Ec2Client ec2 = clients.ec2(l);
            Map<String, String> byName = new HashMap<>();
            for (AvailabilityZone zone : calls.call(() -> ec2.describeAvailabilityZones(q -> q.filters(
                    Filter.builder().name("region-name").values(r).build()))).availabilityZones()) {
                byName.put(zone.zoneName(), zone.zoneId());
            }
            return Map.copyOf(byName);
        });
    }

    /**
     * The zone ids a description gives, or, when it gives only names (older API responses, some
     * emulators), those names mapped through this account's table; a name the table lacks is left out.
     */
    public List<String> idsOf(CloudLocation location, List<String> ids, List<String> names) {
        if (!ids.isEmpty() || names.isEmpty()) {
            return ids;
        }
        Map<String, String> table = idsByName(location);
        return names.stream().map(table::get).filter(java.util.Objects::nonNull).toList();
    }
}
