package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.Page;
import io.dataflow.privatelink.simulator.common.XmlWriter;
import io.dataflow.privatelink.simulator.ec2.Ec2EndpointService.AllowedPrincipal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The simulated actions by name, one method each: EC2's consumer side (interface endpoints and the services
 * the platform may connect to, the zones), its service-owner side (services, their permissions and
 * connections), and STS's {@code GetCallerIdentity} and {@code AssumeRole} (the Query protocol too, on the
 * same port).
 */
final class Ec2Actions {

    /** One action: parameters in, the XML response document out (or an {@link Ec2ApiError}). */
    @FunctionalInterface
    interface Action {
        String handle(CallingAccount caller, QueryRequest request, String requestId);
    }

    private static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static final Map<String, Function<Ec2VpcEndpoint, List<String>>> ENDPOINT_FILTERS = Map.of(
            "vpc-endpoint-id", ep -> List.of(ep.endpointId()),
            "vpc-endpoint-state", ep -> List.of(ep.state().wireValue()),
            "vpc-endpoint-type", ep -> List.of("Interface"),
            "service-name", ep -> List.of(ep.serviceName()),
            "vpc-id", ep -> List.of(ep.vpcId()));

    private static final Map<String, Function<Ec2EndpointService, List<String>>> SERVICE_FILTERS = Map.of(
            "service-name", s -> List.of(s.serviceName()),
            "service-type", s -> List.of("Interface"),
            "owner", s -> List.of(s.ownerId()));

    private static final Map<String, Function<Ec2Store.Connection, List<String>>> CONNECTION_FILTERS = Map.of(
            "service-id", c -> List.of(c.service().serviceId()),
            "vpc-endpoint-id", c -> List.of(c.endpoint().endpointId()),
            "vpc-endpoint-owner", c -> List.of(c.endpoint().ownerId()),
            "vpc-endpoint-state", c -> List.of(c.endpoint().state().wireValue()));

    private static final Map<String, Function<AllowedPrincipal, List<String>>> PRINCIPAL_FILTERS = Map.of(
            "principal", p -> List.of(p.principal()),
            "principal-type", p -> List.of(p.principalType()));

    private final Map<String, Action> byName = new TreeMap<>();
    private final Ec2Store store;

    Ec2Actions(Ec2Store store) {
        this.store = store;
        byName.put("CreateVpcEndpoint", this::createVpcEndpoint);
        byName.put("DescribeVpcEndpoints", this::describeVpcEndpoints);
        byName.put("DeleteVpcEndpoints", this::deleteVpcEndpoints);
        byName.put("DescribeVpcEndpointServices", this::describeVpcEndpointServices);
        byName.put("DescribeAvailabilityZones", this::describeAvailabilityZones);
        byName.put("CreateVpcEndpointServiceConfiguration", this::createServiceConfiguration);
        byName.put("ModifyVpcEndpointServicePermissions", this::modifyPermissions);
        byName.put("DescribeVpcEndpointServicePermissions", this::describePermissions);
        byName.put("DescribeVpcEndpointConnections", this::describeConnections);
        byName.put("AcceptVpcEndpointConnections", (caller, req, requestId) -> decide(caller, req, requestId, true));
        byName.put("RejectVpcEndpointConnections", (caller, req, requestId) -> decide(caller, req, requestId, false));
        byName.put("GetCallerIdentity", Ec2Actions::getCallerIdentity);
        byName.put("AssumeRole", this::assumeRole);
    }

    Optional<Action> find(String action) {
        return Optional.ofNullable(byName.get(action));
    }

    /** The STS actions served here; their errors take STS's shape, not EC2's. */
    static boolean isSts(String action) {
        return "GetCallerIdentity".equals(action) || "AssumeRole".equals(action);
    }

    // ---- consumer side ----

    private String createVpcEndpoint(CallingAccount caller, QueryRequest req, String requestId) {
        String type = req.string("VpcEndpointType");
        if (type != null && !type.equals("Interface")) {
            throw Ec2ApiError.invalidParameter("Only Interface VPC endpoints are simulated, not " + type);
        }
        Ec2VpcEndpoint ep = store.createEndpoint(caller, new Ec2Store.NewEndpoint(req.required("VpcId"),
                req.required("ServiceName"), req.list("SubnetId"), req.list("SecurityGroupId"),
                req.tagsFor("vpc-endpoint"), req.bool("PrivateDnsEnabled", false), req.string("PolicyDocument"),
                req.clientToken(), req.fingerprint()));
        XmlWriter x = Ec2Xml.response("CreateVpcEndpoint", requestId).start("vpcEndpoint");
        Ec2Xml.endpoint(x, ep);
        return x.end().element("clientToken", req.clientToken()).finish();
    }

    private String describeVpcEndpoints(CallingAccount caller, QueryRequest req, String requestId) {
        List<Ec2VpcEndpoint> matching = store.describeEndpoints(caller, req.list("VpcEndpointId")).stream()
                .filter(req.filter(ENDPOINT_FILTERS, Ec2VpcEndpoint::tags, Set.of("vpc-endpoint-state"))).toList();
        return Ec2Xml.listing("DescribeVpcEndpoints", requestId, "vpcEndpointSet",
                req.page(matching, Ec2VpcEndpoint::seq, 5), Ec2Xml::endpoint);
    }

    private String deleteVpcEndpoints(CallingAccount caller, QueryRequest req, String requestId) {
        List<String> ids = req.list("VpcEndpointId");
        if (ids.isEmpty()) {
            throw Ec2ApiError.missingParameter("VpcEndpointId");
        }
        return Ec2Xml.unsuccessful("DeleteVpcEndpoints", requestId, store.deleteEndpoints(caller, ids));
    }

    private String describeVpcEndpointServices(CallingAccount caller, QueryRequest req, String requestId) {
        Predicate<Ec2EndpointService> filter = req.filter(SERVICE_FILTERS, Ec2EndpointService::tags, Set.of());
        List<Ec2EndpointService> visible = store.visibleServices(caller);
        Set<String> requested = new LinkedHashSet<>(req.list("ServiceName"));
        for (String name : requested) {
            // Unknown and not-allowed look the same to a consumer, as in AWS.
            if (visible.stream().noneMatch(s -> s.serviceName().equals(name))) {
                throw Ec2ApiError.serviceNotFound(name);
            }
        }
        List<Ec2EndpointService> matching = visible.stream()
                .filter(s -> requested.isEmpty() || requested.contains(s.serviceName()))
                .filter(filter)
                .toList();
        Page<Ec2EndpointService> page = req.page(matching, Ec2EndpointService::seq, 1);
        XmlWriter x = Ec2Xml.response("DescribeVpcEndpointServices", requestId)
                .stringSet("serviceNameSet", page.items().stream().map(Ec2EndpointService::serviceName).toList());
        return Ec2Xml.itemSet(x, "serviceDetailSet", page.items(),
                        (w, s) -> Ec2Xml.serviceDetail(w, s, store.describedByZoneNamesOnly(s.serviceId())))
                .element("nextToken", page.nextToken()).finish();
    }

    // ---- service owner side ----

    private String createServiceConfiguration(CallingAccount caller, QueryRequest req, String requestId) {
        if (!req.list("GatewayLoadBalancerArn").isEmpty()) {
            throw Ec2ApiError.invalidParameter("Gateway Load Balancer endpoint services are not simulated");
        }
        Ec2EndpointService service = store.createService(caller, new Ec2Store.NewService(
                req.list("NetworkLoadBalancerArn"),
                req.bool("AcceptanceRequired", true) ? Acceptance.MANUAL : Acceptance.AUTOMATIC,
                req.string("PrivateDnsName"), req.tagsFor("vpc-endpoint-service"), req.clientToken(),
                req.fingerprint()));
        XmlWriter x = Ec2Xml.response("CreateVpcEndpointServiceConfiguration", requestId).start("serviceConfiguration");
        Ec2Xml.serviceConfiguration(x, service);
        return x.end().element("clientToken", req.clientToken()).finish();
    }

    private String modifyPermissions(CallingAccount caller, QueryRequest req, String requestId) {
        List<AllowedPrincipal> added = store.modifyPermissions(caller, req.required("ServiceId"),
                req.list("AddAllowedPrincipals"), req.list("RemoveAllowedPrincipals"));
        return Ec2Xml.itemSet(Ec2Xml.response("ModifyVpcEndpointServicePermissions", requestId), "addedPrincipalSet",
                added, Ec2Xml::principal).element("return", true).finish();
    }

    private String describePermissions(CallingAccount caller, QueryRequest req, String requestId) {
        List<AllowedPrincipal> matching = store.permissions(caller, req.required("ServiceId")).stream()
                .filter(req.filter(PRINCIPAL_FILTERS, null, Set.of())).toList();
        return Ec2Xml.listing("DescribeVpcEndpointServicePermissions", requestId, "allowedPrincipals",
                req.page(matching, AllowedPrincipal::seq, 5), Ec2Xml::principal);
    }

    private String describeConnections(CallingAccount caller, QueryRequest req, String requestId) {
        List<Ec2Store.Connection> matching = store.connections(caller).stream()
                .filter(req.filter(CONNECTION_FILTERS, c -> c.endpoint().tags(), Set.of("vpc-endpoint-state"))).toList();
        return Ec2Xml.listing("DescribeVpcEndpointConnections", requestId, "vpcEndpointConnectionSet",
                req.page(matching, c -> c.endpoint().seq(), 5), Ec2Xml::connection);
    }

    /** AcceptVpcEndpointConnections or RejectVpcEndpointConnections. */
    private String decide(CallingAccount caller, QueryRequest req, String requestId, boolean accept) {
        String serviceId = req.required("ServiceId");
        List<String> ids = req.list("VpcEndpointId");
        if (ids.isEmpty()) {
            throw Ec2ApiError.missingParameter("VpcEndpointId");
        }
        return Ec2Xml.unsuccessful((accept ? "Accept" : "Reject") + "VpcEndpointConnections", requestId,
                store.decide(caller, serviceId, ids, accept));
    }

    // ---- zones and STS ----

    /**
     * The caller's region's zones, with the names and ids that the zonal DNS names of endpoints (names) and
     * the placement of subnets (ids) use. Filters {@code region-name}, {@code zone-id}, {@code zone-name}, {@code state}.
     */
    private String describeAvailabilityZones(CallingAccount caller, QueryRequest req, String requestId) {
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
        return Ec2Xml.itemSet(Ec2Xml.response("DescribeAvailabilityZones", requestId), "availabilityZoneInfo", zones,
                (x, zone) -> x.element("zoneState", "available")
                        .element("optInStatus", "opt-in-not-required")
                        .stringSet("messageSet", List.of())
                        .element("regionName", region)
                        .element("zoneName", zone.name())
                        .element("zoneId", zone.id())
                        .element("groupName", region)
                        .element("networkBorderGroup", region)
                        .element("zoneType", "availability-zone")).finish();
    }

    /** STS AssumeRole (2011-06-15): temporary credentials of the role's account, valid an hour. */
    private String assumeRole(CallingAccount caller, QueryRequest req, String requestId) {
        String roleArn = req.string("RoleArn");
        String session = req.string("RoleSessionName");
        if (roleArn == null || session == null) {
            throw Ec2ApiError.missingParameter(roleArn == null ? "RoleArn" : "RoleSessionName");
        }
        String accessKeyId = store.assumeRole(caller.accountId(), roleArn);
        XmlWriter x = XmlWriter.document("AssumeRoleResponse", STS_NAMESPACE).start("AssumeRoleResult")
                .start("AssumedRoleUser")
                .element("Arn", "arn:aws:sts::" + roleArn.split(":", -1)[4] + ":assumed-role/"
                        + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/" + session)
                .element("AssumedRoleId", "AROASIMULATED:" + session).end()
                .start("Credentials").element("AccessKeyId", accessKeyId)
                .element("SecretAccessKey", "simulated-secret")
                .element("SessionToken", "simulated-session-" + accessKeyId)
                .element("Expiration", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString())
                .end().end();
        return x.start("ResponseMetadata").element("RequestId", requestId).finish();
    }

    /** STS GetCallerIdentity (2011-06-15): the account of the access key the request was signed with. */
    private static String getCallerIdentity(CallingAccount caller, QueryRequest req, String requestId) {
        return XmlWriter.document("GetCallerIdentityResponse", STS_NAMESPACE).start("GetCallerIdentityResult")
                .element("Arn", "arn:aws:iam::" + caller.accountId() + ":user/simulated")
                .element("UserId", "AIDASIMULATED" + caller.accountId())
                .element("Account", caller.accountId()).end()
                .start("ResponseMetadata").element("RequestId", requestId).finish();
    }
}
