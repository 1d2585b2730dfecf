package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.Page;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;

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
    static void endpoint(ObjectNode n, AlicloudVpcEndpoint ep, String callerAccountId, AlicloudEndpointService service) {
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
        n.put("RegionId", ep.region());
        n.put("CreateTime", time(ep.createdAt()));
        n.put("Bandwidth", AlicloudVpcEndpoint.DEFAULT_BANDWIDTH);
        n.put("ResourceOwner", service != null && service.ownerId().equals(callerAccountId));
        n.put("ZoneAffinityEnabled", false);
    }

    static ObjectNode zone(AlicloudVpcEndpoint ep, AlicloudVpcEndpoint.Zone zone) {
        ObjectNode n = object();
        n.put("ZoneId", zone.zoneId());
        n.put("VSwitchId", zone.vSwitchId());
        n.put("EniId", zone.eniId());
        n.put("EniIp", zone.eniIp());
        n.put("ZoneDomain", ep.zoneDomain(zone));
        n.put("ZoneStatus", ep.zoneStatus());
        n.put("RegionId", ep.region());
        n.put("ServiceStatus", "Active");
        return n;
    }

    /** A service as ListVpcEndpointServicesByEndUser shows it to a consumer. */
    static ObjectNode serviceForEndUser(AlicloudEndpointService s) {
        ObjectNode n = service(s).put("ServiceSupportIPv6", false);
        s.zoneIds().forEach(n.putArray("Zones")::add);
        return n;
    }

    /** A service as its owner sees it (CreateVpcEndpointService, GetVpcEndpointServiceAttribute). */
    static ObjectNode serviceForOwner(AlicloudEndpointService s) {
        return service(s)
                .put("ServiceStatus", "Active")
                .put("ServiceBusinessStatus", "Normal")
                .put("AutoAcceptEnabled", s.acceptance() == Acceptance.AUTOMATIC)
                .put("ConnectBandwidth", AlicloudVpcEndpoint.DEFAULT_BANDWIDTH)
                .put("MaxBandwidth", 10240)
                .put("MinBandwidth", 100)
                .put("RegionId", s.region())
                .put("CreateTime", time(s.createdAt()));
    }

    /** What both views of a service show. */
    private static ObjectNode service(AlicloudEndpointService s) {
        ObjectNode n = object()
                .put("ServiceId", s.serviceId())
                .put("ServiceName", s.serviceName())
                .put("ServiceDomain", s.domain())
                .put("ServiceType", "Interface")
                .put("ServiceResourceType", "slb")
                .put("Payer", "Endpoint")
                .put("ZoneAffinityEnabled", false);
        putIfPresent(n, "ServiceDescription", s.description());
        return n;
    }

    /** One entry of ListVpcEndpointConnections. */
    static ObjectNode connection(AlicloudVpcEndpoint ep, String serviceOwnerId) {
        ObjectNode n = object();
        n.put("EndpointId", ep.endpointId());
        n.put("EndpointOwnerId", Long.parseLong(ep.ownerId()));
        n.put("EndpointVpcId", ep.vpcId());
        n.put("ServiceId", ep.serviceId());
        n.put("ConnectionStatus", ep.connectionStatus().wireValue());
        n.put("Bandwidth", AlicloudVpcEndpoint.DEFAULT_BANDWIDTH);
        n.put("ModifiedTime", time(ep.modifiedAt()));
        n.put("ResourceOwner", ep.ownerId().equals(serviceOwnerId));
        ArrayNode zones = n.putArray("Zones");
        ep.zones().forEach(zone -> zones.addObject()
                .put("ZoneId", zone.zoneId())
                .put("VSwitchId", zone.vSwitchId())
                .put("EniId", zone.eniId())
                .put("ZoneDomain", ep.zoneDomain(zone))
                .put("ZoneStatus", ep.zoneStatus()));
        return n;
    }

    /**
     * A listing: the page's items in the array {@code field}, each rendered by {@code render}, then
     * {@code MaxResults} and, when there is a next page, {@code NextToken}.
     */
    static <T> ObjectNode listing(String field, Page<T> page, BiConsumer<ArrayNode, T> render) {
        ObjectNode n = object();
        ArrayNode array = n.putArray(field);
        page.items().forEach(item -> render.accept(array, item));
        n.put("MaxResults", page.limit());
        putIfPresent(n, "NextToken", page.nextToken());
        return n;
    }

    static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
