package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.ec2.EndpointService.AllowedPrincipal;
import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;
import java.util.List;

/**
 * Renders simulator values in EC2's XML shapes. Element names are the {@code locationName}s of the EC2 API
 * model (lower camelCase, lists as {@code …Set/item}); the SDK ignores unknown elements but needs these.
 */
final class Ec2Xml {

    private Ec2Xml() {
    }

    static void endpoint(XmlWriter x, VpcEndpoint ep) {
        x.element("vpcEndpointId", ep.endpointId())
                .element("vpcEndpointType", "Interface")
                .element("vpcId", ep.vpcId())
                .element("serviceName", ep.serviceName())
                .element("state", ep.state().wireValue())
                .element("policyDocument", ep.policyDocument())
                .stringSet("routeTableIdSet", List.of())
                .stringSet("subnetIdSet", ep.subnetIds());
        x.start("groupSet");
        for (String groupId : ep.securityGroupIds()) {
            x.start("item").element("groupId", groupId).end();
        }
        x.end();
        x.element("ipAddressType", "ipv4")
                .start("dnsOptions").element("dnsRecordIpType", "ipv4").end()
                .element("privateDnsEnabled", ep.privateDnsEnabled())
                .element("requesterManaged", false)
                .stringSet("networkInterfaceIdSet", ep.networkInterfaceIds());
        dnsEntries(x, ep);
        x.element("creationTimestamp", ep.createdAt());
        tags(x, ep.tags());
        x.element("ownerId", ep.ownerId());
    }

    static void dnsEntries(XmlWriter x, VpcEndpoint ep) {
        x.start("dnsEntrySet");
        for (String name : ep.dnsNames()) {
            x.start("item").element("dnsName", name).element("hostedZoneId", ep.hostedZoneId()).end();
        }
        x.end();
    }

    /** ServiceDetail, the consumer's view of a service (DescribeVpcEndpointServices). */
    static void serviceDetail(XmlWriter x, EndpointService s, boolean zoneNamesOnly) {
        x.element("serviceName", s.serviceName())
                .element("serviceId", s.serviceId());
        serviceType(x);
        x.element("serviceRegion", s.region());
        if (!zoneNamesOnly) {
            x.stringSet("availabilityZoneIdSet", s.zones().stream().map(AvailabilityZone::id).toList());
        }
        x.stringSet("availabilityZoneSet", s.zones().stream().map(AvailabilityZone::name).toList())
                .element("owner", s.ownerId())
                .stringSet("baseEndpointDnsNameSet", List.of(s.baseEndpointDnsName()))
                .element("privateDnsName", s.privateDnsName())
                .element("vpcEndpointPolicySupported", true)
                .element("acceptanceRequired", s.acceptanceRequired())
                .element("managesVpcEndpoints", false);
        tags(x, s.tags());
        x.stringSet("supportedIpAddressTypeSet", List.of("ipv4"));
    }

    /** ServiceConfiguration, the owner's view of a service (CreateVpcEndpointServiceConfiguration). */
    static void serviceConfiguration(XmlWriter x, EndpointService s) {
        serviceType(x);
        x.element("serviceId", s.serviceId())
                .element("serviceName", s.serviceName())
                .element("serviceState", "Available")
                .stringSet("availabilityZoneIdSet", s.zones().stream().map(AvailabilityZone::id).toList())
                .stringSet("availabilityZoneSet", s.zones().stream().map(AvailabilityZone::name).toList())
                .element("acceptanceRequired", s.acceptanceRequired())
                .element("managesVpcEndpoints", false)
                .stringSet("networkLoadBalancerArnSet", s.loadBalancerArns())
                .stringSet("supportedIpAddressTypeSet", List.of("ipv4"))
                .stringSet("baseEndpointDnsNameSet", List.of(s.baseEndpointDnsName()))
                .element("privateDnsName", s.privateDnsName());
        tags(x, s.tags());
        x.element("remoteAccessEnabled", false);
    }

    static void connection(XmlWriter x, Ec2Store.Connection c) {
        VpcEndpoint ep = c.endpoint();
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
    static void unsuccessful(XmlWriter x, List<UnsuccessfulItem> items) {
        x.start("unsuccessful");
        for (UnsuccessfulItem item : items) {
            x.start("item")
                    .start("error").element("code", item.code()).element("message", item.message()).end()
                    .element("resourceId", item.resourceId())
                    .end();
        }
        x.end();
    }

    static void tags(XmlWriter x, List<Tag> tags) {
        x.start("tagSet");
        for (Tag t : tags) {
            x.start("item").element("key", t.key()).element("value", t.value()).end();
        }
        x.end();
    }

    private static void serviceType(XmlWriter x) {
        x.start("serviceType").start("item").element("serviceType", "Interface").end().end();
    }

    /** The EC2 error document; note {@code RequestID}, not {@code requestId} as in successes. */
    /** STS's error shape (the Query protocol's), for the STS actions served on this port. */
    static String stsError(String code, String message, String requestId) {
        XmlWriter x = new XmlWriter();
        x.start("ErrorResponse").start("Error")
                .element("Type", "Sender").element("Code", code).element("Message", message)
                .end()
                .element("RequestId", requestId);
        return x.finish();
    }

    static String error(String code, String message, String requestId) {
        XmlWriter x = new XmlWriter();
        x.start("Response").start("Errors").start("Error")
                .element("Code", code).element("Message", message)
                .end().end()
                .element("RequestID", requestId);
        return x.finish();
    }
}
