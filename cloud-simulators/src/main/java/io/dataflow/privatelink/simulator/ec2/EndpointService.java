package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC endpoint service (PrivateLink provider side). Immutable: the store swaps in a new value on change,
 * so a value handed to a renderer never changes under it.
 */
record EndpointService(
        String serviceId,
        String serviceName,
        String ownerId,
        String region,
        boolean acceptanceRequired,
        List<AvailabilityZone> zones,
        List<String> loadBalancerArns,
        String privateDnsName,
        List<Tag> tags,
        Instant createdAt,
        long seq,
        Map<String, AllowedPrincipal> allowedPrincipals) implements java.io.Serializable {

    EndpointService {
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

    /** The owner always sees its service; others only when allowed by account root ARN or by {@code *}. */
    boolean visibleTo(Caller caller) {
        return region.equals(caller.region())
                && (ownerId.equals(caller.accountId())
                || allowedPrincipals.containsKey("*")
                || allowedPrincipals.containsKey(caller.principal()));
    }

    boolean offersZone(String zoneId) {
        return zones.stream().anyMatch(z -> z.id().equals(zoneId));
    }

    EndpointService withPrincipals(Collection<AllowedPrincipal> principals) {
        Map<String, AllowedPrincipal> map = new LinkedHashMap<>();
        principals.forEach(p -> map.put(p.principal(), p));
        return new EndpointService(serviceId, serviceName, ownerId, region, acceptanceRequired, zones,
                loadBalancerArns, privateDnsName, tags, createdAt, seq, map);
    }

    /** One entry of a service's permissions. */
    record AllowedPrincipal(String principal, String permissionId, String serviceId, long seq) implements java.io.Serializable {

        /** AWS's PrincipalType for an ARN: All, Account, User, Role, … */
        String principalType() {
            if (principal.equals("*")) {
                return "All";
            }
            if (principal.endsWith(":root")) {
                return "Account";
            }
            if (principal.contains(":role/")) {
                return "Role";
            }
            if (principal.contains(":user/")) {
                return "User";
            }
            return "Account";
        }
    }
}
