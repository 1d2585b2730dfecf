package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulated PrivateZone API (version 2018-01-01, reached through the core SDK's CommonRequest):
 * zones, their VPC bindings and records, with PrivateZone's paging ({@code PageNumber}/{@code PageSize},
 * {@code TotalItems}/{@code TotalPages}).
 */
final class PrivateZoneActions {

    static final String VERSION = "2018-01-01";

    private final PrivateZoneStore store;
    private final Map<String, AlicloudAction> byName = new TreeMap<>();

    PrivateZoneActions(PrivateZoneStore store) {
        this.store = store;
        byName.put("AddZone", this::addZone);
        byName.put("DescribeZones", this::describeZones);
        byName.put("DescribeZoneInfo", this::describeZoneInfo);
        byName.put("BindZoneVpc", this::bindZoneVpc);
        byName.put("AddZoneRecord", this::addZoneRecord);
        byName.put("DescribeZoneRecords", this::describeZoneRecords);
        byName.put("DeleteZoneRecord", this::deleteZoneRecord);
        byName.put("DeleteZone", this::deleteZone);
    }

    Optional<AlicloudAction> find(String action) {
        return Optional.ofNullable(byName.get(action));
    }

    private ObjectNode addZone(Caller caller, RpcRequest req) {
        PrivateZoneStore.Zone zone = store.add(caller.accountId(), req.required("ZoneName"), req.string("Remark"),
                req.string("ClientToken"));
        ObjectNode n = AlicloudJson.object();
        n.put("ZoneId", zone.zoneId).put("ZoneName", zone.name).put("Success", true);
        return n;
    }

    private ObjectNode describeZones(Caller caller, RpcRequest req) {
        String keyword = req.string("Keyword");
        boolean exact = "EXACT".equalsIgnoreCase(req.string("SearchMode"));
        List<PrivateZoneStore.Zone> matching = store.zones(caller.accountId()).stream()
                .filter(z -> keyword == null || (exact ? z.name.equalsIgnoreCase(keyword) : z.name.contains(keyword)))
                .toList();
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putObject("Zones").putArray("Zone");
        page(n, matching, req).forEach(z -> array.addObject().put("ZoneId", z.zoneId).put("ZoneName", z.name)
                .put("Remark", z.remark).put("RecordCount", z.records.size()).put("IsPtr", false));
        return n;
    }

    private ObjectNode describeZoneInfo(Caller caller, RpcRequest req) {
        PrivateZoneStore.Zone zone = store.get(caller.accountId(), req.required("ZoneId"));
        ObjectNode n = AlicloudJson.object();
        n.put("ZoneId", zone.zoneId).put("ZoneName", zone.name).put("Remark", zone.remark)
                .put("RecordCount", zone.records.size());
        ArrayNode vpcs = n.putObject("BindVpcs").putArray("Vpc");
        zone.vpcs.forEach(v -> vpcs.addObject().put("RegionId", v.regionId()).put("VpcId", v.vpcId()));
        return n;
    }

    /** Replaces the zone's bindings with the VPCs listed (none: unbinds it from all). */
    private ObjectNode bindZoneVpc(Caller caller, RpcRequest req) {
        List<PrivateZoneStore.Vpc> vpcs = new ArrayList<>();
        for (int i = 1; req.string("Vpcs." + i + ".VpcId") != null; i++) {
            String region = req.string("Vpcs." + i + ".RegionId");
            vpcs.add(new PrivateZoneStore.Vpc(region == null ? caller.regionId() : region,
                    req.string("Vpcs." + i + ".VpcId")));
        }
        store.bind(caller.accountId(), req.required("ZoneId"), vpcs);
        return AlicloudJson.object();
    }

    private ObjectNode addZoneRecord(Caller caller, RpcRequest req) {
        String ttl = req.string("Ttl");
        PrivateZoneStore.Record record = store.addRecord(caller.accountId(), req.required("ZoneId"),
                req.required("Rr"), req.required("Type"), req.required("Value"),
                ttl == null ? 60 : Integer.parseInt(ttl));
        ObjectNode n = AlicloudJson.object();
        n.put("RecordId", Long.parseLong(record.recordId())).put("Success", true);
        return n;
    }

    private ObjectNode describeZoneRecords(Caller caller, RpcRequest req) {
        PrivateZoneStore.Zone zone = store.get(caller.accountId(), req.required("ZoneId"));
        String keyword = req.string("Keyword");
        List<PrivateZoneStore.Record> matching = zone.records.values().stream()
                .filter(r -> keyword == null || r.rr().contains(keyword)).toList();
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putObject("Records").putArray("Record");
        page(n, matching, req).forEach(r -> array.addObject().put("RecordId", Long.parseLong(r.recordId()))
                .put("Rr", r.rr()).put("Type", r.type()).put("Value", r.value()).put("Ttl", r.ttl())
                .put("Status", "ENABLE"));
        return n;
    }

    private ObjectNode deleteZoneRecord(Caller caller, RpcRequest req) {
        PrivateZoneStore.Record record = store.deleteRecord(caller.accountId(), req.required("RecordId"));
        ObjectNode n = AlicloudJson.object();
        n.put("RecordId", Long.parseLong(record.recordId()));
        return n;
    }

    private ObjectNode deleteZone(Caller caller, RpcRequest req) {
        String zoneId = req.required("ZoneId");
        store.delete(caller.accountId(), zoneId);
        ObjectNode n = AlicloudJson.object();
        n.put("ZoneId", zoneId);
        return n;
    }

    /** PrivateZone's paging: PageNumber from 1, PageSize up to 100; writes the totals into {@code n}. */
    private static <T> List<T> page(ObjectNode n, List<T> all, RpcRequest req) {
        int size = Math.min(100, Math.max(1, parse(req.string("PageSize"), 20)));
        int number = Math.max(1, parse(req.string("PageNumber"), 1));
        int totalPages = Math.max(1, (all.size() + size - 1) / size);
        n.put("TotalItems", all.size()).put("TotalPages", totalPages).put("PageNumber", number).put("PageSize", size);
        int from = Math.min(all.size(), (number - 1) * size);
        return all.subList(from, Math.min(all.size(), from + size));
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AlicloudApiError.invalidParameter("PageSize/PageNumber", value);
        }
    }
}
