package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.cloud.DnsRecord;
import io.dataflow.privatelink.worker.cloud.EndpointDns;
import io.dataflow.privatelink.worker.cloud.ZoneSpec;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DnsCloud} on Alibaba Cloud PrivateZone, reached through the core library's {@code CommonRequest}
 * (no SDK artifact is published for it). A zone is added with the attachment id as {@code ClientToken}
 * and this deployment's marker as remark, found again by exact name and remark (so another deployment's
 * zone of the same name is never taken for ours), and bound to the platform
 * VPC; records are added, or replaced when their value differs, so repeating a step changes nothing.
 */
@ApplicationScoped
public class PrivateZoneDnsCloud implements DnsCloud {

    static final String VERSION = "2018-01-01";
    static final int PAGE_SIZE = 100;
    static final int RECORD_TTL_SECONDS = 60;
    /** Codes with which PrivateZone says the zone or record does not exist (any more). */
    private static final Set<String> GONE = Set.of("Zone.Invalid.Id", "Zone.NotExists", "Zone.Invalid.NotExists",
            "Record.Invalid.Id", "Record.NotExists");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateLinkClient client;
    private final AlicloudConfig config;
    private final DeploymentIdentity deployment;

    PrivateZoneDnsCloud(PrivateLinkClient client, AlicloudConfig config, DeploymentIdentity deployment) {
        this.client = client;
        this.config = config;
        this.deployment = deployment;
    }

    @Override
    public EndpointDns endpointDns(CloudLocation location, String endpointId) {
        String region = location.region();
        ListVpcEndpointsRequest request = new ListVpcEndpointsRequest();
        request.setSysRegionId(region);
        request.setEndpointId(endpointId);
        ListVpcEndpointsResponse response = client.call(region, request);
        String domain = response.getEndpoints().stream().findFirst()
                .map(ListVpcEndpointsResponse.Endpoint::getEndpointDomain)
                .orElseThrow(() -> new CloudException("EndpointNotFound", "The endpoint " + endpointId
                        + " does not exist.", false, null));
        // Alibaba Cloud plans point at the endpoint's own domain only: no zonal names are needed.
        return new EndpointDns(domain, Map.of());
    }

    @Override
    public Optional<String> findZone(ZoneSpec spec) {
        for (int pageNumber = 1; ; pageNumber++) {
            JsonNode page = rpc(spec, "DescribeZones", Map.of("Keyword", spec.zoneName(), "SearchMode", "EXACT",
                    "PageNumber", String.valueOf(pageNumber), "PageSize", String.valueOf(PAGE_SIZE)));
            for (JsonNode zone : page.path("Zones").path("Zone")) {
                if (spec.zoneName().equals(zone.path("ZoneName").asText())
                        && deployment.zoneMarker(spec.attachDomainId()).equals(zone.path("Remark").asText())) {
                    return Optional.of(zone.path("ZoneId").asText());
                }
            }
            if (pageNumber >= page.path("TotalPages").asInt(1)) {
                return Optional.empty();
            }
        }
    }

    @Override
    public String createZone(ZoneSpec spec) {
        JsonNode added = rpc(spec, "AddZone", Map.of("ZoneName", spec.zoneName(),
                "ClientToken", spec.attachDomainId(), "Remark", deployment.zoneMarker(spec.attachDomainId())));
        return added.path("ZoneId").asText();
    }

    /** Binds the zone to the platform VPC first (a crash may have come between AddZone and BindZoneVpc). */
    @Override
    public void upsertRecords(ZoneSpec spec, String zoneId, List<DnsRecord> records) {
        rpc(spec, "BindZoneVpc", Map.of("ZoneId", zoneId, "Vpcs.1.RegionId", spec.region(),
                "Vpcs.1.VpcId", spec.vpcId()));
        Map<String, JsonNode> existing = new HashMap<>();
        for (JsonNode record : records(spec, zoneId)) {
            existing.put(record.path("Rr").asText() + "/" + record.path("Type").asText(), record);
        }
        for (DnsRecord record : records) {
            String rr = relative(record.name(), spec.zoneName());
            JsonNode current = existing.get(rr + "/CNAME");
            if (current != null && current.path("Value").asText().equals(record.target())) {
                continue;
            }
            if (current != null) {
                rpc(spec, "DeleteZoneRecord", Map.of("RecordId", current.path("RecordId").asText()));
            }
            rpc(spec, "AddZoneRecord", Map.of("ZoneId", zoneId, "Rr", rr, "Type", "CNAME",
                    "Value", record.target(), "Ttl", String.valueOf(RECORD_TTL_SECONDS)));
        }
    }

    /** Records first, then the VPC binding, then the zone: PrivateZone refuses to delete a zone still in use. */
    @Override
    public void deleteZone(ZoneSpec spec, String zoneId) {
        try {
            for (JsonNode record : records(spec, zoneId)) {
                rpc(spec, "DeleteZoneRecord", Map.of("RecordId", record.path("RecordId").asText()));
            }
            rpc(spec, "BindZoneVpc", Map.of("ZoneId", zoneId));
            rpc(spec, "DeleteZone", Map.of("ZoneId", zoneId));
        } catch (CloudException e) {
            if (!GONE.contains(e.errorCode())) {
                throw e;
            }
        }
    }

    private List<JsonNode> records(ZoneSpec spec, String zoneId) {
        List<JsonNode> all = new ArrayList<>();
        for (int pageNumber = 1; ; pageNumber++) {
            JsonNode page = rpc(spec, "DescribeZoneRecords", Map.of("ZoneId", zoneId,
                    "PageNumber", String.valueOf(pageNumber), "PageSize", String.valueOf(PAGE_SIZE)));
            page.path("Records").path("Record").forEach(all::add);
            if (pageNumber >= page.path("TotalPages").asInt(1)) {
                return all;
            }
        }
    }

    /** {@code *.<zone>} → {@code *}; a name outside the zone is a bug in the plan, not the cloud's problem. */
    static String relative(String name, String zoneName) {
        if (name.equals(zoneName)) {
            return "@";
        }
        if (!name.endsWith("." + zoneName)) {
            throw new IllegalArgumentException(name + " is not in zone " + zoneName);
        }
        return name.substring(0, name.length() - zoneName.length() - 1);
    }

    private JsonNode rpc(ZoneSpec spec, String action, Map<String, String> parameters) {
        CommonRequest request = new CommonRequest();
        request.setSysMethod(MethodType.POST);
        request.setSysDomain(config.endpoint().orElse(config.privateZoneEndpoint()));
        request.setSysVersion(VERSION);
        request.setSysAction(action);
        request.setSysRegionId(spec.region());
        parameters.forEach(request::putQueryParameter);
        String body = client.callCommon(spec.region(), request);
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CloudException("MalformedResponse", action + " answered with unreadable JSON", true, e);
        }
    }
}
