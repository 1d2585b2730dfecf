package io.dataflow.privatelink.simulator.ec2;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The consumer (platform account) side: interface endpoints and the services it may connect to. */
final class EndpointActions {

    private static final Map<String, Function<VpcEndpoint, List<String>>> ENDPOINT_FILTERS = Map.of(
            "vpc-endpoint-id", ep -> List.of(ep.endpointId()),
            "vpc-endpoint-state", ep -> List.of(ep.state().wireValue()),
            "vpc-endpoint-type", ep -> List.of("Interface"),
            "service-name", ep -> List.of(ep.serviceName()),
            "vpc-id", ep -> List.of(ep.vpcId()));

    private static final Map<String, Function<EndpointService, List<String>>> SERVICE_FILTERS = Map.of(
            "service-name", s -> List.of(s.serviceName()),
            "service-type", s -> List.of("Interface"),
            "owner", s -> List.of(s.ownerId()));

    private final Ec2Store store;

    EndpointActions(Ec2Store store) {
        this.store = store;
    }

    void register(Map<String, Ec2Action> actions) {
        actions.put("CreateVpcEndpoint", this::createVpcEndpoint);
        actions.put("DescribeVpcEndpoints", this::describeVpcEndpoints);
        actions.put("DeleteVpcEndpoints", this::deleteVpcEndpoints);
        actions.put("DescribeVpcEndpointServices", this::describeVpcEndpointServices);
    }

    private String createVpcEndpoint(Caller caller, QueryRequest req, String requestId) {
        String type = req.string("VpcEndpointType");
        if (type != null && !type.equals("Interface")) {
            throw Ec2ApiError.invalidParameter("Only Interface VPC endpoints are simulated, not " + type);
        }
        String clientToken = clientToken(req);
        Ec2Store.NewEndpoint cmd = new Ec2Store.NewEndpoint(
                req.required("VpcId"),
                req.required("ServiceName"),
                req.list("SubnetId"),
                req.list("SecurityGroupId"),
                req.tagsFor("vpc-endpoint"),
                req.bool("PrivateDnsEnabled", false),
                req.string("PolicyDocument"),
                clientToken,
                req.fingerprint());
        VpcEndpoint ep = store.createEndpoint(caller, cmd);
        XmlWriter x = XmlWriter.response("CreateVpcEndpoint", requestId);
        x.start("vpcEndpoint");
        Ec2Xml.endpoint(x, ep);
        x.end();
        x.element("clientToken", clientToken);
        return x.finish();
    }

    private String describeVpcEndpoints(Caller caller, QueryRequest req, String requestId) {
        Predicate<VpcEndpoint> filter = Filters.compile(req.filters(), ENDPOINT_FILTERS, VpcEndpoint::tags,
                Set.of("vpc-endpoint-state"));
        List<VpcEndpoint> matching = store.describeEndpoints(caller, req.list("VpcEndpointId")).stream()
                .filter(filter).toList();
        Page<VpcEndpoint> page = Page.of(matching, VpcEndpoint::seq, req, 5);
        XmlWriter x = XmlWriter.response("DescribeVpcEndpoints", requestId);
        x.start("vpcEndpointSet");
        for (VpcEndpoint ep : page.items()) {
            x.start("item");
            Ec2Xml.endpoint(x, ep);
            x.end();
        }
        x.end();
        x.element("nextToken", page.nextToken());
        return x.finish();
    }

    private String deleteVpcEndpoints(Caller caller, QueryRequest req, String requestId) {
        List<String> ids = req.list("VpcEndpointId");
        if (ids.isEmpty()) {
            throw Ec2ApiError.missingParameter("VpcEndpointId");
        }
        List<UnsuccessfulItem> unsuccessful = store.deleteEndpoints(caller, ids);
        XmlWriter x = XmlWriter.response("DeleteVpcEndpoints", requestId);
        Ec2Xml.unsuccessful(x, unsuccessful);
        return x.finish();
    }

    private String describeVpcEndpointServices(Caller caller, QueryRequest req, String requestId) {
        Predicate<EndpointService> filter = Filters.compile(req.filters(), SERVICE_FILTERS, EndpointService::tags,
                Set.of());
        List<EndpointService> visible = store.visibleServices(caller);
        Set<String> requested = new LinkedHashSet<>(req.list("ServiceName"));
        for (String name : requested) {
            // Unknown and not-allowed look the same to a consumer, as in AWS.
            if (visible.stream().noneMatch(s -> s.serviceName().equals(name))) {
                throw Ec2ApiError.serviceNotFound(name);
            }
        }
        List<EndpointService> matching = visible.stream()
                .filter(s -> requested.isEmpty() || requested.contains(s.serviceName()))
                .filter(filter)
                .toList();
        Page<EndpointService> page = Page.of(matching, EndpointService::seq, req, 1);
        XmlWriter x = XmlWriter.response("DescribeVpcEndpointServices", requestId);
        x.stringSet("serviceNameSet", page.items().stream().map(EndpointService::serviceName).toList());
        x.start("serviceDetailSet");
        for (EndpointService s : page.items()) {
            x.start("item");
            Ec2Xml.serviceDetail(x, s, store.describedByZoneNamesOnly(s.serviceId()));
            x.end();
        }
        x.end();
        x.element("nextToken", page.nextToken());
        return x.finish();
    }

    /** EC2 caps ClientToken at 64 ASCII characters. */
    static String clientToken(QueryRequest req) {
        String token = req.string("ClientToken");
        if (token != null && (token.length() > 64 || !token.chars().allMatch(c -> c < 128))) {
            throw Ec2ApiError.invalidParameterValue("Value (" + token + ") for parameter clientToken is invalid. "
                    + "It must be at most 64 ASCII characters.");
        }
        return token;
    }
}
