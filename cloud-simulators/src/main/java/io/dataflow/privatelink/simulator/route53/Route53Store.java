package io.dataflow.privatelink.simulator.route53;

import io.dataflow.privatelink.simulator.common.DnsResolver;
import io.dataflow.privatelink.simulator.common.DnsZone;
import io.dataflow.privatelink.simulator.common.Ids;
import io.dataflow.privatelink.simulator.common.SimulatorStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Route 53's state: hosted zones per account, their record sets, and submitted changes. Caller
 * references stay taken after their zone is deleted, as in Route 53. See {@link SimulatorStore}.
 */
public final class Route53Store extends SimulatorStore<Route53Store.State> {

    static final class State extends SimulatorStore.State {
        final Map<String, HostedZone> zones = new LinkedHashMap<>();
        final Map<String, String> zoneByCallerReference = new HashMap<>();
        final Map<String, Instant> changes = new HashMap<>();
    }

    /** A submitted change: PENDING until the sync delay has passed, then INSYNC. */
    record ChangeInfo(String id, String status, Instant submittedAt) {
    }

    /** One change of a batch, as parsed from the request. */
    record Change(String action, String name, String type, long ttl, List<String> values) {
    }

    private volatile Duration syncDelay;

    public Route53Store(Clock clock, Duration syncDelay) {
        super(new State(), clock);
        this.syncDelay = syncDelay;
    }

    /** How long a change stays PENDING before GetChange reports it INSYNC, from now on. */
    public void setSyncDelay(Duration delay) {
        this.syncDelay = delay;
    }

    synchronized HostedZone create(String accountId, String name, String callerReference, String comment,
                                   boolean privateZone, HostedZone.Vpc vpc) {
        String zoneName = absolute(name);
        String referenceKey = accountId + "|" + callerReference;
        if (state.zoneByCallerReference.containsKey(referenceKey)) {
            throw new Route53ApiError(409, "HostedZoneAlreadyExists", "A hosted zone has already been created "
                    + "with the specified caller reference.");
        }
        if (privateZone && vpc == null) {
            throw Route53ApiError.invalidInput("A private hosted zone needs a VPC.");
        }
        if (privateZone) {
            for (HostedZone other : state.zones.values()) {
                if (other.privateZone && other.name.equals(zoneName) && other.vpcs.stream()
                        .anyMatch(v -> v.vpcId().equals(vpc.vpcId()))) {
                    throw new Route53ApiError(400, "ConflictingDomainExists", "Cannot associate " + vpc.vpcId()
                            + " with the hosted zone " + zoneName + ": a private hosted zone of the same name ("
                            + other.id + ") is already associated with that VPC.");
                }
            }
        }
        String id = "Z" + randomId();
        HostedZone zone = new HostedZone(id, accountId, zoneName, callerReference, comment, privateZone,
                vpc == null ? List.of() : List.of(vpc));
        zone.records.put(HostedZone.key(zoneName, "SOA"), new HostedZone.RecordSet(zoneName, "SOA", 900,
                List.of("ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
        zone.records.put(HostedZone.key(zoneName, "NS"), new HostedZone.RecordSet(zoneName, "NS", 172800,
                List.of("ns-1536.awsdns-00.co.uk.", "ns-0.awsdns-00.com.")));
        state.zones.put(id, zone);
        state.zoneByCallerReference.put(referenceKey, id);
        return zone;
    }

    synchronized HostedZone get(String accountId, String id) {
        HostedZone zone = state.zones.get(id);
        if (zone == null || !zone.accountId.equals(accountId)) {
            throw Route53ApiError.noSuchHostedZone(id);
        }
        return zone;
    }

    /** The account's zones in Route 53's order: by name with its labels reversed, then by id. */
    synchronized List<HostedZone> byName(String accountId) {
        return state.zones.values().stream().filter(z -> z.accountId.equals(accountId))
                .sorted(Comparator.comparing((HostedZone z) -> reversed(z.name)).thenComparing(z -> z.id))
                .toList();
    }

    /** Applies a batch all or nothing; returns the change id. */
    synchronized String change(String accountId, String zoneId, List<Change> batch) {
        HostedZone zone = get(accountId, zoneId);
        Map<String, HostedZone.RecordSet> result = new HashMap<>(zone.records);
        List<String> problems = new ArrayList<>();
        for (Change change : batch) {
            String name = absolute(change.name());
            if (!name.equals(zone.name) && !name.endsWith("." + zone.name)) {
                problems.add("RRSet with DNS name " + name + " is not permitted in zone " + zone.name);
                continue;
            }
            String key = HostedZone.key(name, change.type());
            HostedZone.RecordSet set = new HostedZone.RecordSet(name, change.type(), change.ttl(), change.values());
            switch (change.action()) {
                case "CREATE" -> {
                    if (result.containsKey(key)) {
                        problems.add("Tried to create resource record set [name='" + name + "', type='"
                                + change.type() + "'] but it already exists");
                    } else if (change.type().equals("CNAME") && result.keySet().stream().anyMatch(k ->
                            k.startsWith(name + "|"))) {
                        problems.add("RRSet of type CNAME with DNS name " + name + " is not permitted as it "
                                + "conflicts with other records with the same DNS name in zone " + zone.name);
                    } else {
                        result.put(key, set);
                    }
                }
                case "UPSERT" -> result.put(key, set);
                case "DELETE" -> {
                    HostedZone.RecordSet existing = result.get(key);
                    if (existing == null || existing.ttl() != set.ttl() || !existing.values().equals(set.values())) {
                        problems.add("Tried to delete resource record set [name='" + name + "', type='"
                                + change.type() + "'] but it was not found");
                    } else {
                        result.remove(key);
                    }
                }
                default -> problems.add("Unknown action " + change.action());
            }
        }
        if (!problems.isEmpty()) {
            throw new Route53ApiError(400, "InvalidChangeBatch", "[" + String.join(", ", problems) + "]");
        }
        zone.records.clear();
        zone.records.putAll(result);
        return submitChange();
    }

    synchronized String submitChange() {
        String id = "C" + randomId();
        state.changes.put(id, now());
        return id;
    }

    synchronized ChangeInfo changeInfo(String changeId) {
        Instant at = state.changes.get(changeId);
        if (at == null) {
            throw new Route53ApiError(404, "NoSuchChange", "A change with the specified change ID does not exist.");
        }
        return new ChangeInfo(changeId, now().isBefore(at.plus(syncDelay)) ? "PENDING" : "INSYNC", at);
    }

    synchronized void delete(String accountId, String id) {
        HostedZone zone = get(accountId, id);
        if (!zone.userRecords().isEmpty()) {
            throw new Route53ApiError(400, "HostedZoneNotEmpty", "The hosted zone contains resource records that "
                    + "are not SOA or NS records.");
        }
        state.zones.remove(id);
    }

    /** The account's record sets of a zone in Route 53's order (reversed-label name, then type). */
    synchronized List<HostedZone.RecordSet> recordSets(String accountId, String zoneId) {
        List<HostedZone.RecordSet> sets = new ArrayList<>(get(accountId, zoneId).records.values());
        sets.sort(Comparator.comparing((HostedZone.RecordSet r) -> reversed(r.name())).thenComparing(r -> r.type()));
        return Collections.unmodifiableList(sets);
    }

    /** The private zones associated with a VPC, as its resolver sees them. */
    public synchronized List<DnsZone> privateZonesFor(String vpcId) {
        List<DnsZone> visible = new ArrayList<>();
        for (HostedZone zone : state.zones.values()) {
            if (zone.privateZone && zone.vpcs.stream().anyMatch(v -> v.vpcId().equals(vpcId))) {
                Map<String, String> records = new HashMap<>();
                zone.userRecords().forEach(r -> records.put(DnsResolver.normalize(r.name()),
                        r.type().equals("CNAME") ? r.values().get(0) : null));
                visible.add(new DnsZone(zone.name, records));
            }
        }
        return visible;
    }

    /** Every zone with its VPCs and records, for the control endpoint. */
    public synchronized List<Map<String, Object>> describe() {
        return state.zones.values().stream().map(zone -> Map.<String, Object>of(
                "id", zone.id,
                "accountId", zone.accountId,
                "name", zone.name,
                "callerReference", zone.callerReference,
                "private", zone.privateZone,
                "vpcs", zone.vpcs.stream().map(v -> v.region() + "/" + v.vpcId()).toList(),
                "records", zone.records.values().stream()
                        .map(r -> r.name() + " " + r.type() + " " + String.join(",", r.values())).toList())).toList();
    }

    static String absolute(String name) {
        return DnsResolver.normalize(name) + ".";
    }

    /** {@code www.example.com.} → {@code com.example.www}: Route 53's sort key. */
    static String reversed(String name) {
        List<String> labels = new ArrayList<>(List.of(DnsResolver.normalize(name).split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels).toLowerCase(Locale.ROOT);
    }

    private static String randomId() {
        return Ids.lowerAlnum(20).toUpperCase(Locale.ROOT);
    }
}
