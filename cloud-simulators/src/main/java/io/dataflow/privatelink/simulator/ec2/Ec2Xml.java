package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.Page;
import io.dataflow.privatelink.simulator.common.XmlWriter;
import io.dataflow.privatelink.simulator.ec2.Ec2EndpointService.AllowedPrincipal;
import io.dataflow.privatelink.simulator.ec2.Ec2Store.UnsuccessfulItem;
import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Renders simulator values in EC2's XML shapes. Element names are the {@code locationName}s of the EC2 API
 * model (lower camelCase, lists as {@code …Set/item}); the SDK ignores unknown elements but needs these.
 */
final class Ec2Xml {

    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private Ec2Xml() {
    }

    /** Starts {@code <ActionResponse xmlns=…><requestId>…</requestId>}, the envelope of every EC2 success. */
    static XmlWriter response(String action, String requestId) {
        return XmlWriter.document(action + "Response", NAMESPACE).element("requestId", requestId);
    }

    /** A listing: the page's items under {@code setName}, then {@code nextToken} when there is a next page. */
    static <T> String listing(String action, String requestId, String setName, Page<T> page,
                              BiConsumer<XmlWriter, T> render) {
        return itemSet(response(action, requestId), setName, page.items(), render)
                .element("nextToken", page.nextToken()).finish();
    }

    /** {@code <name><item>…</item>…</name>}, each item rendered by {@code render}. */
    static <T> XmlWriter itemSet(XmlWriter x, String name, List<T> items, BiConsumer<XmlWriter, T> render) {
        x.start(name);
        for (T item : items) {
            x.start("item");
            render.accept(x, item);
            x.end();
        }
        return x.end();
    }

    static void endpoint(XmlWriter x, Ec2VpcEndpoint ep) {
        x.element("vpcEndpointId", ep.endpointId())
                .element("vpcEndpointType", "Interface")
                .element("vpcId", ep.vpcId())
                .element("serviceName", ep.serviceName())
                .element("state", ep.state().wireValue())
                .element("policyDocument", ep.policyDocument())
                .stringSet("routeTableIdSet", List.of())
                .stringSet("subnetIdSet", ep.subnetIds());
        itemSet(x, "groupSet", ep.securityGroupIds(), (w, groupId) -> w.element("groupId", groupId))
                .element("ipAddressType", "ipv4")
                .start("dnsOptions").element("dnsRecordIpType", "ipv4").end()
                .element("privateDnsEnabled", ep.privateDnsEnabled())
                .element("requesterManaged", false)
                .stringSet("networkInterfaceIdSet", ep.networkInterfaceIds());
        dnsEntries(x, ep);
        tags(x.element("creationTimestamp", ep.createdAt()), ep.tags()).element("ownerId", ep.ownerId());
    }

    private static void dnsEntries(XmlWriter x, Ec2VpcEndpoint ep) {
        itemSet(x, "dnsEntrySet", ep.dnsNames(),
                (w, name) -> w.element("dnsName", name).element("hostedZoneId", ep.hostedZoneId()));
    }

    /** ServiceDetail, the consumer's view of a service (DescribeVpcEndpointServices). */
    static void serviceDetail(XmlWriter x, Ec2EndpointService s, boolean zoneNamesOnly) {
        service(x, s, !zoneNamesOnly).element("serviceRegion", s.region()).element("owner", s.ownerId())
                .element("vpcEndpointPolicySupported", true);
    }

    /** ServiceConfiguration, the owner's view of a service (CreateVpcEndpointServiceConfiguration). */
    static void serviceConfiguration(XmlWriter x, Ec2EndpointService s) {
        service(x, s, true).element("serviceState", "Available")
                .stringSet("networkLoadBalancerArnSet", s.loadBalancerArns()).element("remoteAccessEnabled", false);
    }

    /** What both views of a service show. */
    private static XmlWriter service(XmlWriter x, Ec2EndpointService s, boolean withZoneIds) {
        x.element("serviceId", s.serviceId()).element("serviceName", s.serviceName())
                .start("serviceType").start("item").element("serviceType", "Interface").end().end();
        if (withZoneIds) {
            x.stringSet("availabilityZoneIdSet", s.zones().stream().map(AvailabilityZone::id).toList());
        }
        x.stringSet("availabilityZoneSet", s.zones().stream().map(AvailabilityZone::name).toList())
                .stringSet("baseEndpointDnsNameSet", List.of(s.baseEndpointDnsName()))
                .element("privateDnsName", s.privateDnsName())
                .element("acceptanceRequired", s.acceptance() == Acceptance.MANUAL)
                .element("managesVpcEndpoints", false)
                .stringSet("supportedIpAddressTypeSet", List.of("ipv4"));
        return tags(x, s.tags());
    }

    static void connection(XmlWriter x, Ec2Store.Connection c) {
        Ec2VpcEndpoint ep = c.endpoint();
        x.element("serviceId", ep.serviceId())
                .element("vpcEndpointId", ep.endpointId())
                .element("vpcEndpointOwner", ep.ownerId())
                .element("vpcEndpointState", ep.state().wireValue())
                .element("creationTimestamp", ep.createdAt());
        dnsEntries(x, ep);
        x.stringSet("networkLoadBalancerArnSet", c.service().loadBalancerArns())
                .element("ipAddressType", "ipv4")
                .element("vpcEndpointConnectionId", ep.connectionId())
                .element("vpcEndpointRegion", ep.region());
        tags(x, ep.tags());
    }

    static void principal(XmlWriter x, AllowedPrincipal p) {
        x.element("principalType", p.principalType())
                .element("principal", p.principal())
                .element("servicePermissionId", p.permissionId())
                .element("serviceId", p.serviceId());
    }

    /** {@code <unsuccessful>}: always present, empty when everything succeeded, as EC2 sends it. */
    static String unsuccessful(String action, String requestId, List<UnsuccessfulItem> items) {
        return itemSet(response(action, requestId), "unsuccessful", items, (x, item) -> x
                .start("error").element("code", item.code()).element("message", item.message()).end()
                .element("resourceId", item.resourceId())).finish();
    }

    private static XmlWriter tags(XmlWriter x, List<Tag> tags) {
        return itemSet(x, "tagSet", tags, (w, t) -> w.element("key", t.key()).element("value", t.value()));
    }

    /** The EC2 error document; note {@code RequestID}, not {@code requestId} as in successes. */
    static String error(String code, String message, String requestId) {
        return XmlWriter.document("Response", null).start("Errors").start("Error")
                .element("Code", code).element("Message", message)
                .end().end()
                .element("RequestID", requestId).finish();
    }

    /** STS's error shape (the Query protocol's), for the STS actions served on this port. */
    static String stsError(String code, String message, String requestId) {
        return XmlWriter.document("ErrorResponse", null).start("Error")
                .element("Type", "Sender").element("Code", code).element("Message", message)
                .end()
                .element("RequestId", requestId).finish();
    }
}
