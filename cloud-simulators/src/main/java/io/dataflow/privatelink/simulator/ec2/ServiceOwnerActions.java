package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.ec2.EndpointService.AllowedPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The service owner (customer account) side: endpoint services, their permissions and connections. */
final class ServiceOwnerActions {

    private static final Map<String, Function<Ec2Store.Connection, List<String>>> CONNECTION_FILTERS = Map.of(
            "service-id", c -> List.of(c.service().serviceId()),
            "vpc-endpoint-id", c -> List.of(c.endpoint().endpointId()),
            "vpc-endpoint-owner", c -> List.of(c.endpoint().ownerId()),
            "vpc-endpoint-state", c -> List.of(c.endpoint().state().wireValue()));

    private static final Map<String, Function<AllowedPrincipal, List<String>>> PRINCIPAL_FILTERS = Map.of(
            "principal", p -> List.of(p.principal()),
            "principal-type", p -> List.of(p.principalType()));

    private static final Map<String, Function<EndpointService, List<String>>> CONFIGURATION_FILTERS = Map.of(
            "service-id", s -> List.of(s.serviceId()),
            "service-name", s -> List.of(s.serviceName()),
            "service-state", s -> List.of("Available"));

    private final Ec2Store store;

    ServiceOwnerActions(Ec2Store store) {
        this.store = store;
    }

    void register(Map<String, Ec2Action> actions) {
        actions.put("CreateVpcEndpointServiceConfiguration", this::createServiceConfiguration);
        actions.put("DescribeVpcEndpointServiceConfigurations", this::describeServiceConfigurations);
        actions.put("ModifyVpcEndpointServicePermissions", this::modifyPermissions);
        actions.put("DescribeVpcEndpointServicePermissions", this::describePermissions);
        actions.put("DescribeVpcEndpointConnections", this::describeConnections);
        actions.put("AcceptVpcEndpointConnections", this::acceptConnections);
        actions.put("RejectVpcEndpointConnections", this::rejectConnections);
    }

    private String createServiceConfiguration(Caller caller, QueryRequest req, String requestId) {
        if (!req.list("GatewayLoadBalancerArn").isEmpty()) {
            throw Ec2ApiError.invalidParameter("Gateway Load Balancer endpoint services are not simulated");
        }
        String clientToken = EndpointActions.clientToken(req);
        Ec2Store.NewService cmd = new Ec2Store.NewService(
                req.list("NetworkLoadBalancerArn"),
                req.bool("AcceptanceRequired", true),
                req.string("PrivateDnsName"),
                req.tagsFor("vpc-endpoint-service"),
                clientToken,
                req.fingerprint());
        EndpointService service = store.createService(caller, cmd);
        XmlWriter x = XmlWriter.response("CreateVpcEndpointServiceConfiguration", requestId);
        x.start("serviceConfiguration");
        Ec2Xml.serviceConfiguration(x, service);
        x.end();
        x.element("clientToken", clientToken);
        return x.finish();
    }

    private String describeServiceConfigurations(Caller caller, QueryRequest req, String requestId) {
        Predicate<EndpointService> filter = Filters.compile(req.filters(), CONFIGURATION_FILTERS,
                EndpointService::tags, Set.of("service-state"));
        List<String> ids = req.list("ServiceId");
        List<EndpointService> owned = store.ownedServices(caller);
        for (String id : ids) {
            if (owned.stream().noneMatch(s -> s.serviceId().equals(id))) {
                throw Ec2ApiError.serviceIdNotFound(id);
            }
        }
        List<EndpointService> matching = owned.stream()
                .filter(s -> ids.isEmpty() || ids.contains(s.serviceId()))
                .filter(filter)
                .toList();
        Page<EndpointService> page = Page.of(matching, EndpointService::seq, req, 5);
        XmlWriter x = XmlWriter.response("DescribeVpcEndpointServiceConfigurations", requestId);
        x.start("serviceConfigurationSet");
        for (EndpointService s : page.items()) {
            x.start("item");
            Ec2Xml.serviceConfiguration(x, s);
            x.end();
        }
        x.end();
        x.element("nextToken", page.nextToken());
        return x.finish();
    }

    private String modifyPermissions(Caller caller, QueryRequest req, String requestId) {
        List<AllowedPrincipal> added = store.modifyPermissions(caller, req.required("ServiceId"),
                req.list("AddAllowedPrincipals"), req.list("RemoveAllowedPrincipals"));
        XmlWriter x = XmlWriter.response("ModifyVpcEndpointServicePermissions", requestId);
        x.start("addedPrincipalSet");
        for (AllowedPrincipal p : added) {
            x.start("item");
            Ec2Xml.principal(x, p);
            x.end();
        }
        x.end();
        x.element("return", true);
        return x.finish();
    }

    private String describePermissions(Caller caller, QueryRequest req, String requestId) {
        Predicate<AllowedPrincipal> filter = Filters.compile(req.filters(), PRINCIPAL_FILTERS, null, Set.of());
        List<AllowedPrincipal> matching = store.permissions(caller, req.required("ServiceId")).stream()
                .filter(filter).toList();
        Page<AllowedPrincipal> page = Page.of(matching, AllowedPrincipal::seq, req, 5);
        XmlWriter x = XmlWriter.response("DescribeVpcEndpointServicePermissions", requestId);
        x.start("allowedPrincipals");
        for (AllowedPrincipal p : page.items()) {
            x.start("item");
            Ec2Xml.principal(x, p);
            x.end();
        }
        x.end();
        x.element("nextToken", page.nextToken());
        return x.finish();
    }

    private String describeConnections(Caller caller, QueryRequest req, String requestId) {
        Predicate<Ec2Store.Connection> filter = Filters.compile(req.filters(), CONNECTION_FILTERS,
                c -> c.endpoint().tags(), Set.of("vpc-endpoint-state"));
        List<Ec2Store.Connection> matching = store.connections(caller).stream().filter(filter).toList();
        Page<Ec2Store.Connection> page = Page.of(matching, c -> c.endpoint().seq(), req, 5);
        XmlWriter x = XmlWriter.response("DescribeVpcEndpointConnections", requestId);
        x.start("vpcEndpointConnectionSet");
        for (Ec2Store.Connection c : page.items()) {
            x.start("item");
            Ec2Xml.connection(x, c);
            x.end();
        }
        x.end();
        x.element("nextToken", page.nextToken());
        return x.finish();
    }

    private String acceptConnections(Caller caller, QueryRequest req, String requestId) {
        List<UnsuccessfulItem> unsuccessful = store.acceptConnections(caller, req.required("ServiceId"),
                requiredIds(req));
        return unsuccessfulResponse("AcceptVpcEndpointConnections", requestId, unsuccessful);
    }

    private String rejectConnections(Caller caller, QueryRequest req, String requestId) {
        List<UnsuccessfulItem> unsuccessful = store.rejectConnections(caller, req.required("ServiceId"),
                requiredIds(req));
        return unsuccessfulResponse("RejectVpcEndpointConnections", requestId, unsuccessful);
    }

    private static List<String> requiredIds(QueryRequest req) {
        List<String> ids = req.list("VpcEndpointId");
        if (ids.isEmpty()) {
            throw Ec2ApiError.missingParameter("VpcEndpointId");
        }
        return ids;
    }

    private static String unsuccessfulResponse(String action, String requestId, List<UnsuccessfulItem> items) {
        XmlWriter x = XmlWriter.response(action, requestId);
        Ec2Xml.unsuccessful(x, items);
        return x.finish();
    }
}
