package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;
import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC endpoint service (PrivateLink provider side). Immutable: the store swaps in a new value on change,
 * so a value handed to a renderer never changes under it.
 */
record Ec2EndpointService(
        String serviceId,
        String serviceName,
        String ownerId,
        String region,
        Acceptance acceptance,
        List<AvailabilityZone> zones,
        List<String> loadBalancerArns,
        String privateDnsName,
        List<Tag> tags,
        long seq,
        Map<String, AllowedPrincipal> allowedPrincipals) implements PrivateLinkStore.Service {

    Ec2EndpointService {
        zones = List.copyOf(zones);
        loadBalancerArns = List.copyOf(loadBalancerArns);
        tags = List.copyOf(tags);
        allowedPrincipals = Collections.unmodifiableMap(new LinkedHashMap<>(allowedPrincipals));
    }

    static String nameFor(String region, String serviceId) {
        return "com.amazonaws.vpce." + region + "." + serviceId;
    }

    /** {@code vpce-svc-….<region>.vpce.amazonaws.com}: the suffix of every endpoint DNS name of this service. */
    String baseEndpointDnsName() {
        return serviceId + "." + region + ".vpce.amazonaws.com";
    }

    /** The owner always sees its service; others when allowed by {@code *} or their account's root ARN. */
    @Override
    public boolean visibleTo(CallingAccount caller) {
        return region.equals(caller.region())
                && (ownerId.equals(caller.accountId())
                || allowedPrincipals.containsKey("*")
                || allowedPrincipals.containsKey("arn:aws:iam::" + caller.accountId() + ":root"));
    }

    boolean offersZone(String zoneId) {
        return zones.stream().anyMatch(z -> z.id().equals(zoneId));
    }

    Ec2EndpointService withPrincipals(Collection<AllowedPrincipal> principals) {
        Map<String, AllowedPrincipal> map = new LinkedHashMap<>();
        principals.forEach(p -> map.put(p.principal(), p));
        return new Ec2EndpointService(serviceId, serviceName, ownerId, region, acceptance, zones,
                loadBalancerArns, privateDnsName, tags, seq, map);
    }

    /** One entry of a service's permissions. */
    record AllowedPrincipal(String principal, String permissionId, String serviceId, long seq) implements Serializable {

        /** AWS's PrincipalType for an ARN: All, Account, User, Role. */
        String principalType() {
            if (principal.equals("*")) {
                return "All";
            }
            return principal.contains(":role/") ? "Role" : principal.contains(":user/") ? "User" : "Account";
        }
    }
}
