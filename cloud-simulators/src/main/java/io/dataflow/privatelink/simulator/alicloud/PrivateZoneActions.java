package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.privatelink.simulator.common.CallingAccount;

import java.util.List;
import java.util.Map;

/**
 * The simulated PrivateZone API (version 2018-01-01, reached through the core SDK's CommonRequest):
 * zones, their VPC bindings and records, with PrivateZone's paging ({@code PageNumber}/{@code PageSize},
 * {@code TotalItems}/{@code TotalPages}).
 */
final class PrivateZoneActions {

    static final String VERSION = "2018-01-01";

    private final PrivateZoneStore store;

    PrivateZoneActions(PrivateZoneStore store) {
        this.store = store;
    }

    void register(Map<String, AlicloudHttpHandler.Action> actions) {
        actions.put("AddZone", this::addZone);
        actions.put("DescribeZones", this::describeZones);
        actions.put("DescribeZoneInfo", this::describeZoneInfo);
        actions.put("BindZoneVpc", this::bindZoneVpc);
        actions.put("AddZoneRecord", this::addZoneRecord);
        actions.put("DescribeZoneRecords", this::describeZoneRecords);
        actions.put("DeleteZoneRecord", this::deleteZoneRecord);
        actions.put("DeleteZone", this::deleteZone);
    }

    private ObjectNode addZone(CallingAccount caller, RpcRequest req) {
        PrivateZoneStore.Zone zone = store.add(caller.accountId(), req.required("ZoneName"), req.string("Remark"),
                req.string("ClientToken"));
        return AlicloudJson.object().put("ZoneId", zone.zoneId).put("ZoneName", zone.name).put("Success", true);
    }

    private ObjectNode describeZones(CallingAccount caller, RpcRequest req) {
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

    private ObjectNode describeZoneInfo(CallingAccount caller, RpcRequest req) {
        PrivateZoneStore.Zone zone = store.get(caller.accountId(), req.required("ZoneId"));
        ObjectNode n = AlicloudJson.object().put("ZoneId", zone.zoneId).put("ZoneName", zone.name)
                .put("Remark", zone.remark).put("RecordCount", zone.records.size());
        ArrayNode vpcs = n.putObject("BindVpcs").putArray("Vpc");
        zone.vpcs.forEach(v -> vpcs.addObject().put("RegionId", v.regionId()).put("VpcId", v.vpcId()));
        return n;
    }

    /** Replaces the zone's bindings with the VPCs listed (none: unbinds it from all). */
    private ObjectNode bindZoneVpc(CallingAccount caller, RpcRequest req) {
        List<PrivateZoneStore.Vpc> vpcs = req.structs("Vpcs").stream().filter(v -> v.string("VpcId") != null)
                .map(v -> new PrivateZoneStore.Vpc(v.string("RegionId") == null ? caller.region() : v.string("RegionId"),
                        v.string("VpcId"))).toList();
        store.bind(caller.accountId(), req.required("ZoneId"), vpcs);
        return AlicloudJson.object();
    }

    private ObjectNode addZoneRecord(CallingAccount caller, RpcRequest req) {
        Integer ttl = req.integer("Ttl");
        PrivateZoneStore.ZoneRecord record = store.addRecord(caller.accountId(), req.required("ZoneId"),
                req.required("Rr"), req.required("Type"), req.required("Value"), ttl == null ? 60 : ttl);
        return AlicloudJson.object().put("RecordId", Long.parseLong(record.recordId())).put("Success", true);
    }

    private ObjectNode describeZoneRecords(CallingAccount caller, RpcRequest req) {
        PrivateZoneStore.Zone zone = store.get(caller.accountId(), req.required("ZoneId"));
        String keyword = req.string("Keyword");
        List<PrivateZoneStore.ZoneRecord> matching = zone.records.values().stream()
                .filter(r -> keyword == null || r.rr().contains(keyword)).toList();
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putObject("Records").putArray("Record");
        page(n, matching, req).forEach(r -> array.addObject().put("RecordId", Long.parseLong(r.recordId()))
                .put("Rr", r.rr()).put("Type", r.type()).put("Value", r.value()).put("Ttl", r.ttl())
                .put("Status", "ENABLE"));
        return n;
    }

    private ObjectNode deleteZoneRecord(CallingAccount caller, RpcRequest req) {
        PrivateZoneStore.ZoneRecord record = store.deleteRecord(caller.accountId(), req.required("RecordId"));
        return AlicloudJson.object().put("RecordId", Long.parseLong(record.recordId()));
    }

    private ObjectNode deleteZone(CallingAccount caller, RpcRequest req) {
        String zoneId = req.required("ZoneId");
        store.delete(caller.accountId(), zoneId);
        return AlicloudJson.object().put("ZoneId", zoneId);
    }

    /** PrivateZone's paging: PageNumber from 1, PageSize up to 100 (default 20); writes the totals into {@code n}. */
    private static <T> List<T> page(ObjectNode n, List<T> all, RpcRequest req) {
        Integer pageSize = req.integer("PageSize");
        Integer pageNumber = req.integer("PageNumber");
        int size = Math.min(100, Math.max(1, pageSize == null ? 20 : pageSize));
        int number = Math.max(1, pageNumber == null ? 1 : pageNumber);
        int totalPages = Math.max(1, (all.size() + size - 1) / size);
        n.put("TotalItems", all.size()).put("TotalPages", totalPages).put("PageNumber", number).put("PageSize", size);
        int from = Math.min(all.size(), (number - 1) * size);
        return all.subList(from, Math.min(all.size(), from + size));
    }
}
