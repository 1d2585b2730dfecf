package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * PrivateLink's JSON shapes, field for field as the 2020-04-15 API returns them (and as the SDK's
 * unmarshallers read them: flat arrays, no item wrappers). Absent values are left out rather than null.
 */
final class AlicloudJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AlicloudJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code 2021-09-24T18:00:07Z}. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The fields CreateVpcEndpoint, ListVpcEndpoints and GetVpcEndpointAttribute share. */
    static void endpoint(ObjectNode n, VpcEndpoint ep, String callerAccountId, EndpointService service) {
        n.put("EndpointId", ep.endpointId());
        putIfPresent(n, "EndpointName", ep.name());
        putIfPresent(n, "EndpointDescription", ep.description());
        n.put("EndpointType", "Interface");
        n.put("EndpointDomain", ep.domain());
        n.put("EndpointStatus", ep.status().wireValue());
        n.put("EndpointBusinessStatus", "Normal");
        n.put("ConnectionStatus", ep.connectionStatus().wireValue());
        n.put("ServiceId", ep.serviceId());
        n.put("ServiceName", ep.serviceName());
        n.put("VpcId", ep.vpcId());
        n.put("RegionId", ep.regionId());
        n.put("CreateTime", time(ep.createdAt()));
        n.put("Bandwidth", VpcEndpoint.DEFAULT_BANDWIDTH);
        n.put("ResourceOwner", service != null && service.ownerId().equals(callerAccountId));
        n.put("ZoneAffinityEnabled", false);
    }

    static ObjectNode zone(VpcEndpoint ep, VpcEndpoint.Zone zone) {
        ObjectNode n = object();
        n.put("ZoneId", zone.zoneId());
        n.put("VSwitchId", zone.vSwitchId());
        n.put("EniId", zone.eniId());
        n.put("EniIp", zone.eniIp());
        n.put("ZoneDomain", ep.zoneDomain(zone));
        n.put("ZoneStatus", ep.zoneStatus());
        n.put("RegionId", ep.regionId());
        n.put("ServiceStatus", "Active");
        return n;
    }

    /** A service as ListVpcEndpointServicesByEndUser shows it to a consumer. */
    static ObjectNode serviceForEndUser(EndpointService s) {
        ObjectNode n = object();
        n.put("ServiceId", s.serviceId());
        n.put("ServiceName", s.serviceName());
        n.put("ServiceDomain", s.domain());
        n.put("ServiceType", "Interface");
        n.put("ServiceResourceType", "slb");
        n.put("Payer", "Endpoint");
        putIfPresent(n, "ServiceDescription", s.description());
        n.put("ServiceSupportIPv6", false);
        n.put("ZoneAffinityEnabled", false);
        zoneIds(n.putArray("Zones"), s);
        return n;
    }

    /** A service as its owner sees it (CreateVpcEndpointService, GetVpcEndpointServiceAttribute). */
    static void serviceForOwner(ObjectNode n, EndpointService s) {
        n.put("ServiceId", s.serviceId());
        n.put("ServiceName", s.serviceName());
        n.put("ServiceDomain", s.domain());
        n.put("ServiceStatus", "Active");
        n.put("ServiceBusinessStatus", "Normal");
        n.put("ServiceType", "Interface");
        n.put("ServiceResourceType", "slb");
        n.put("Payer", "Endpoint");
        putIfPresent(n, "ServiceDescription", s.description());
        n.put("AutoAcceptEnabled", s.autoAcceptEnabled());
        n.put("ZoneAffinityEnabled", false);
        n.put("ConnectBandwidth", VpcEndpoint.DEFAULT_BANDWIDTH);
        n.put("MaxBandwidth", 10240);
        n.put("MinBandwidth", 100);
        n.put("RegionId", s.regionId());
        n.put("CreateTime", time(s.createdAt()));
    }

    static void zoneIds(ArrayNode array, EndpointService s) {
        s.zoneIds().forEach(array::add);
    }

    /** One entry of ListVpcEndpointConnections. */
    static ObjectNode connection(VpcEndpoint ep, String serviceOwnerId) {
        ObjectNode n = object();
        n.put("EndpointId", ep.endpointId());
        n.put("EndpointOwnerId", Long.parseLong(ep.ownerId()));
        n.put("EndpointVpcId", ep.vpcId());
        n.put("ServiceId", ep.serviceId());
        n.put("ConnectionStatus", ep.connectionStatus().wireValue());
        n.put("Bandwidth", VpcEndpoint.DEFAULT_BANDWIDTH);
        n.put("ModifiedTime", time(ep.modifiedAt()));
        n.put("ResourceOwner", ep.ownerId().equals(serviceOwnerId));
        ArrayNode zones = n.putArray("Zones");
        for (VpcEndpoint.Zone zone : ep.zones()) {
            ObjectNode z = zones.addObject();
            z.put("ZoneId", zone.zoneId());
            z.put("VSwitchId", zone.vSwitchId());
            z.put("EniId", zone.eniId());
            z.put("ZoneDomain", ep.zoneDomain(zone));
            z.put("ZoneStatus", ep.zoneStatus());
        }
        return n;
    }

    /** {@code NextToken} only when there is a next page, {@code MaxResults} always. */
    static void page(ObjectNode n, AlicloudPage<?> page) {
        n.put("MaxResults", page.maxResults());
        putIfPresent(n, "NextToken", page.nextToken());
    }

    static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
