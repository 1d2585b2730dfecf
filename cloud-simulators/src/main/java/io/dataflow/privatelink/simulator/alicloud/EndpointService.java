package io.dataflow.privatelink.simulator.alicloud;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An endpoint service (PrivateLink provider side) with its whitelist of account UIDs. Immutable: the store
 * swaps in a new value on change, so a value handed to a renderer never changes under it.
 */
record EndpointService(
        String serviceId,
        String serviceName,
        String ownerId,
        String regionId,
        boolean autoAcceptEnabled,
        List<String> zoneIds,
        List<Resource> resources,
        String description,
        Set<String> users,
        Instant createdAt,
        long seq) implements java.io.Serializable {

    /** A service resource (a load balancer) in one zone. */
    record Resource(String resourceType, String resourceId, String zoneId) implements java.io.Serializable {
    }

    EndpointService {
        zoneIds = List.copyOf(zoneIds);
        resources = List.copyOf(resources);
        users = Collections.unmodifiableSet(new LinkedHashSet<>(users));
    }

    /** {@code com.aliyuncs.privatelink.<region>.epsrv-…}. */
    static String nameFor(String regionId, String serviceId) {
        return "com.aliyuncs.privatelink." + regionId + "." + serviceId;
    }

    /** {@code epsrv-….<region>.privatelink.aliyuncs.com}: the suffix of every endpoint domain of this service. */
    String domain() {
        return serviceId + "." + regionId + ".privatelink.aliyuncs.com";
    }

    /** The owner always sees its service; other accounts when their UID (or {@code *}) is whitelisted. */
    boolean visibleTo(Caller caller) {
        return regionId.equals(caller.regionId())
                && (ownerId.equals(caller.accountId()) || users.contains(caller.accountId()) || users.contains("*"));
    }

    boolean offersZone(String zoneId) {
        return zoneIds.contains(zoneId);
    }

    EndpointService withUsers(Collection<String> newUsers) {
        return new EndpointService(serviceId, serviceName, ownerId, regionId, autoAcceptEnabled, zoneIds, resources,
                description, new LinkedHashSet<>(newUsers), createdAt, seq);
    }
}
