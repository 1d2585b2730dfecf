package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.cloud.DnsRecord;
import io.dataflow.privatelink.worker.cloud.EndpointDns;
import io.dataflow.privatelink.worker.cloud.ZoneSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link DnsCloud} that keeps zones in maps and records the calls made, for the pure reconcile tests. */
class RecordingDns implements DnsCloud {

    final List<String> calls = new ArrayList<>();
    /** zone id by attachment id */
    final Map<String, String> zones = new HashMap<>();
    final Map<String, Map<String, String>> records = new HashMap<>();
    EndpointDns dns = new EndpointDns("vpce-1.svc.vpce.amazonaws.com",
            Map.of("use1-az1", "vpce-1-us-east-1a.svc.vpce.amazonaws.com"));
    CloudException createFailure;
    CloudException deleteFailure;

    @Override
    public EndpointDns endpointDns(io.dataflow.privatelink.worker.cloud.CloudLocation location, String endpointId) {
        calls.add("endpointDns " + endpointId);
        return dns;
    }

    @Override
    public Optional<String> findZone(ZoneSpec spec) {
        calls.add("findZone");
        return Optional.ofNullable(zones.get(spec.attachDomainId()));
    }

    @Override
    public String createZone(ZoneSpec spec) {
        calls.add("createZone " + spec.zoneName());
        if (createFailure != null) {
            throw createFailure;
        }
        String id = "Z" + (zones.size() + 1);
        zones.put(spec.attachDomainId(), id);
        return id;
    }

    @Override
    public void upsertRecords(ZoneSpec spec, String zoneId, List<DnsRecord> upserts) {
        calls.add("upsertRecords " + zoneId + " " + upserts.size());
        upserts.forEach(r -> records.computeIfAbsent(zoneId, z -> new HashMap<>()).put(r.name(), r.target()));
    }

    @Override
    public void deleteZone(ZoneSpec spec, String zoneId) {
        calls.add("deleteZone " + zoneId);
        if (deleteFailure != null) {
            throw deleteFailure;
        }
        zones.remove(spec.attachDomainId());
        records.remove(zoneId);
    }
}
