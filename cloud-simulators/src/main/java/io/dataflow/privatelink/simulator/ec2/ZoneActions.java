package io.dataflow.privatelink.simulator.ec2;

import java.util.List;

/**
 * {@code DescribeAvailabilityZones}: the caller's region's zones, with the names and ids that the zonal
 * DNS names of endpoints (names) and the placement of subnets (ids) use. Filters {@code region-name},
 * {@code zone-id} and {@code zone-name}.
 */
final class ZoneActions {

    private final Ec2Store store;

    ZoneActions(Ec2Store store) {
        this.store = store;
    }

    String describeAvailabilityZones(Caller caller, QueryRequest req, String requestId) {
        String region = caller.region();
        List<String> ids = req.list("ZoneId");
        List<String> names = req.list("ZoneName");
        List<AvailabilityZone> zones = store.zonesIn(region).stream()
                .filter(z -> ids.isEmpty() || ids.contains(z.id()))
                .filter(z -> names.isEmpty() || names.contains(z.name()))
                .filter(z -> req.filters().stream().allMatch(f -> switch (f.name()) {
                    case "region-name" -> f.values().contains(region);
                    case "zone-id" -> f.values().contains(z.id());
                    case "zone-name" -> f.values().contains(z.name());
                    case "state" -> f.values().contains("available");
                    default -> throw Ec2ApiError.invalidParameter("The filter '" + f.name() + "' is invalid");
                }))
                .toList();
        XmlWriter x = XmlWriter.response("DescribeAvailabilityZones", requestId).start("availabilityZoneInfo");
        for (AvailabilityZone zone : zones) {
            x.start("item")
                    .element("zoneState", "available")
                    .element("optInStatus", "opt-in-not-required")
                    .stringSet("messageSet", List.of())
                    .element("regionName", region)
                    .element("zoneName", zone.name())
                    .element("zoneId", zone.id())
                    .element("groupName", region)
                    .element("networkBorderGroup", region)
                    .element("zoneType", "availability-zone")
                    .end();
        }
        return x.end().finish();
    }
}
