package io.dataflow.privatelink.simulator.route53;

import io.dataflow.privatelink.simulator.common.DnsResolver;
import io.dataflow.privatelink.simulator.common.DnsZone;

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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Route 53's state: hosted zones per account, their record sets, and submitted changes. Caller
 * references stay taken after their zone is deleted, as in Route 53. Thread-safe (one lock).
 */
public final class Route53Store {

    /** One change of a batch, as parsed from the request. */
    record Change(String action, String name, String type, long ttl, List<String> values) {
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Map<String, HostedZone> zones = new LinkedHashMap<>();
    private final Map<String, String> zoneByCallerReference = new HashMap<>();
    private final Map<String, Instant> changes = new HashMap<>();
    private final Clock clock;
    private volatile Duration syncDelay;
    private long seq;

    /** How long a change stays PENDING before GetChange reports it INSYNC, from now on. */
    public void setSyncDelay(Duration delay) {
        this.syncDelay = delay;
    }

    // ---- persistence (CloudSimulator#keepStateIn) ----

    public synchronized byte[] snapshot() {
        return io.dataflow.privatelink.simulator.common.StateFile.serialize(zones, zoneByCallerReference, changes, seq);
    }

    @SuppressWarnings("unchecked")
    public synchronized void restore(Object[] parts) {
        zones.putAll((Map<String, HostedZone>) parts[0]);
        zoneByCallerReference.putAll((Map<String, String>) parts[1]);
        changes.putAll((Map<String, Instant>) parts[2]);
        seq = (Long) parts[3];
    }

    public Route53Store(Clock clock, Duration syncDelay) {
        this.clock = clock;
        this.syncDelay = syncDelay;
    }

    synchronized HostedZone create(String accountId, String name, String callerReference, String comment,
                                   boolean privateZone, HostedZone.Vpc vpc) {
        String zoneName = absolute(name);
        String referenceKey = accountId + "|" + callerReference;
        if (zoneByCallerReference.containsKey(referenceKey)) {
            throw new Route53ApiError(409, "HostedZoneAlreadyExists", "A hosted zone has already been created "
                    + "with the specified caller reference.");
        }
        if (privateZone && vpc == null) {
            throw Route53ApiError.invalidInput("A private hosted zone needs a VPC.");
        }
        if (privateZone) {
            for (HostedZone other : zones.values()) {
                if (other.privateZone && other.name.equals(zoneName) && other.vpcs.stream()
                        .anyMatch(v -> v.vpcId().equals(vpc.vpcId()))) {
                    throw new Route53ApiError(400, "ConflictingDomainExists", "Cannot associate " + vpc.vpcId()
                            + " with the hosted zone " + zoneName + ": a private hosted zone of the same name ("
                            + other.id + ") is already associated with that VPC.");
                }
            }
        }
        String id = "Z" + randomId(20);
        HostedZone zone = new HostedZone(id, accountId, zoneName, callerReference, comment, privateZone,
                vpc == null ? List.of() : List.of(vpc), now(), ++seq);
        zone.records.put(HostedZone.key(zoneName, "SOA"), new HostedZone.RecordSet(zoneName, "SOA", 900,
                List.of("ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
        zone.records.put(HostedZone.key(zoneName, "NS"), new HostedZone.RecordSet(zoneName, "NS", 172800,
                List.of("ns-1536.awsdns-00.co.uk.", "ns-0.awsdns-00.com.")));
        zones.put(id, zone);
        zoneByCallerReference.put(referenceKey, id);
        return zone;
    }

    synchronized HostedZone get(String accountId, String id) {
        HostedZone zone = zones.get(id);
        if (zone == null || !zone.accountId.equals(accountId)) {
            throw Route53ApiError.noSuchHostedZone(id);
        }
        return zone;
    }

    /** The account's zones in Route 53's order: by name with its labels reversed, then by id. */
    synchronized List<HostedZone> byName(String accountId) {
        return zones.values().stream().filter(z -> z.accountId.equals(accountId))
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
            throw Route53ApiError.invalidChangeBatch("[" + String.join(", ", problems) + "]");
        }
        zone.records.clear();
        zone.records.putAll(result);
        return submitChange();
    }

    synchronized String submitChange() {
        String id = "C" + randomId(20);
        changes.put(id, now());
        return id;
    }

    synchronized Instant submittedAt(String changeId) {
        Instant at = changes.get(changeId);
        if (at == null) {
            throw new Route53ApiError(404, "NoSuchChange", "A change with the specified change ID does not exist.");
        }
        return at;
    }

    /** PENDING until the configured sync delay has passed, then INSYNC. */
    synchronized String changeStatus(String changeId) {
        return now().isBefore(submittedAt(changeId).plus(syncDelay)) ? "PENDING" : "INSYNC";
    }

    synchronized void delete(String accountId, String id) {
        HostedZone zone = get(accountId, id);
        if (zone.userRecordCount() > 0) {
            throw new Route53ApiError(400, "HostedZoneNotEmpty", "The hosted zone contains resource records that "
                    + "are not SOA or NS records.");
        }
        zones.remove(id);
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
        for (HostedZone zone : zones.values()) {
            if (zone.privateZone && zone.vpcs.stream().anyMatch(v -> v.vpcId().equals(vpcId))) {
                Map<String, String> records = new HashMap<>();
                zone.records.values().stream().filter(r -> !r.type().equals("SOA") && !r.type().equals("NS"))
                        .forEach(r -> records.put(DnsResolver.normalize(r.name()),
                                r.type().equals("CNAME") ? r.values().get(0) : null));
                visible.add(new DnsZone(zone.name, records));
            }
        }
        return visible;
    }

    /** Every zone, for the control endpoint. */
    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HostedZone zone : zones.values()) {
            Map<String, Object> z = new LinkedHashMap<>();
            z.put("id", zone.id);
            z.put("accountId", zone.accountId);
            z.put("name", zone.name);
            z.put("callerReference", zone.callerReference);
            z.put("private", zone.privateZone);
            z.put("vpcs", zone.vpcs.stream().map(v -> v.region() + "/" + v.vpcId()).toList());
            z.put("records", zone.records.values().stream()
                    .map(r -> r.name() + " " + r.type() + " " + String.join(",", r.values())).toList());
            out.add(z);
        }
        return out;
    }

    static String absolute(String name) {
        String n = DnsResolver.normalize(name);
        return n + ".";
    }

    /** {@code www.example.com.} → {@code com.example.www}: Route 53's sort key. */
    static String reversed(String name) {
        List<String> labels = new ArrayList<>(List.of(DnsResolver.normalize(name).split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels).toLowerCase(Locale.ROOT);
    }

    private Instant now() {
        return clock.instant();
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
