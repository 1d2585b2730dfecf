package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.DnsZone;
import io.dataflow.privatelink.simulator.common.SimulatorStore;

import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PrivateZone's state: zones per account, the VPCs each is bound to, and their records. Several zones
 * may share a name (PrivateZone allows it), but a VPC can be bound to only one zone of a name.
 * See {@link SimulatorStore}.
 */
final class PrivateZoneStore extends SimulatorStore<PrivateZoneStore.State> {

    static final class State extends SimulatorStore.State {
        final Map<String, Zone> zones = new LinkedHashMap<>();
        final Map<String, String> zoneByClientToken = new HashMap<>();
    }

    record Vpc(String regionId, String vpcId) implements Serializable {
    }

    record ZoneRecord(String recordId, String rr, String type, String value, int ttl) implements Serializable {
    }

    /** A zone, changed in place under the store's lock. */
    static final class Zone implements Serializable {
        final String zoneId;
        final String accountId;
        final String name;
        final String remark;
        List<Vpc> vpcs = List.of();
        final Map<String, ZoneRecord> records = new LinkedHashMap<>();

        Zone(String zoneId, String accountId, String name, String remark) {
            this.zoneId = zoneId;
            this.accountId = accountId;
            this.name = name;
            this.remark = remark;
        }
    }

    PrivateZoneStore(Clock clock) {
        super(new State(), clock);
    }

    synchronized Zone add(String accountId, String name, String remark, String clientToken) {
        if (clientToken != null) {
            String existing = state.zoneByClientToken.get(accountId + "|" + clientToken);
            if (existing != null && state.zones.containsKey(existing)) {
                return state.zones.get(existing);
            }
        }
        Zone zone = new Zone(Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 56, Long.MAX_VALUE)),
                accountId, name.toLowerCase(Locale.ROOT), remark);
        state.zones.put(zone.zoneId, zone);
        if (clientToken != null) {
            state.zoneByClientToken.put(accountId + "|" + clientToken, zone.zoneId);
        }
        return zone;
    }

    synchronized Zone get(String accountId, String zoneId) {
        Zone zone = state.zones.get(zoneId);
        if (zone == null || !zone.accountId.equals(accountId)) {
            throw new AlicloudApiError(400, "Zone.Invalid.Id", "The zone " + zoneId + " does not exist.");
        }
        return zone;
    }

    synchronized List<Zone> zones(String accountId) {
        return state.zones.values().stream().filter(z -> z.accountId.equals(accountId)).toList();
    }

    synchronized void bind(String accountId, String zoneId, List<Vpc> vpcs) {
        Zone zone = get(accountId, zoneId);
        for (Vpc vpc : vpcs) {
            for (Zone other : state.zones.values()) {
                if (other != zone && other.name.equals(zone.name)
                        && other.vpcs.stream().anyMatch(v -> v.vpcId().equals(vpc.vpcId()))) {
                    throw new AlicloudApiError(400, "Zone.VpcExists", "The VPC " + vpc.vpcId()
                            + " is already bound to another zone named " + zone.name + " (" + other.zoneId + ").");
                }
            }
        }
        zone.vpcs = List.copyOf(vpcs);
    }

    synchronized ZoneRecord addRecord(String accountId, String zoneId, String rr, String type, String value, int ttl) {
        Zone zone = get(accountId, zoneId);
        String normalizedRr = rr.toLowerCase(Locale.ROOT);
        for (ZoneRecord r : zone.records.values()) {
            if (r.rr().equals(normalizedRr) && r.type().equals(type)
                    && (r.value().equals(value) || type.equals("CNAME"))) {
                throw new AlicloudApiError(400, "Record.Invalid.Conflict", "A " + type + " record for " + rr
                        + " already exists in zone " + zone.name + ".");
            }
        }
        ZoneRecord record = new ZoneRecord(String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50)),
                normalizedRr, type, value, ttl);
        zone.records.put(record.recordId(), record);
        return record;
    }

    synchronized ZoneRecord deleteRecord(String accountId, String recordId) {
        for (Zone zone : zones(accountId)) {
            ZoneRecord removed = zone.records.remove(recordId);
            if (removed != null) {
                return removed;
            }
        }
        throw new AlicloudApiError(400, "Record.Invalid.Id", "The record " + recordId + " does not exist.");
    }

    synchronized void delete(String accountId, String zoneId) {
        Zone zone = get(accountId, zoneId);
        if (!zone.vpcs.isEmpty()) {
            throw new AlicloudApiError(400, "Zone.VpcExists", "The zone " + zone.name
                    + " is still bound to VPCs; unbind them with BindZoneVpc first.");
        }
        if (!zone.records.isEmpty()) {
            throw new AlicloudApiError(400, "Zone.NotEmpty", "The zone " + zone.name
                    + " still has records; delete them first.");
        }
        state.zones.remove(zoneId);
    }

    /** The zones bound to a VPC, as its resolver sees them. */
    synchronized List<DnsZone> zonesBoundTo(String vpcId) {
        List<DnsZone> bound = new ArrayList<>();
        for (Zone zone : state.zones.values()) {
            if (zone.vpcs.stream().anyMatch(v -> v.vpcId().equals(vpcId))) {
                Map<String, String> records = new HashMap<>();
                for (ZoneRecord r : zone.records.values()) {
                    String owner = r.rr().equals("@") ? zone.name : r.rr() + "." + zone.name;
                    records.put(owner, r.type().equals("CNAME") ? r.value() : null);
                }
                bound.add(new DnsZone(zone.name, records));
            }
        }
        return bound;
    }

    synchronized List<Zone> named(String name) {
        return state.zones.values().stream().filter(z -> z.name.equals(name.toLowerCase(Locale.ROOT))).toList();
    }

    /** The names of every zone, in any account, one entry per zone. */
    synchronized List<String> zoneNames() {
        return state.zones.values().stream().map(z -> z.name).toList();
    }
}
