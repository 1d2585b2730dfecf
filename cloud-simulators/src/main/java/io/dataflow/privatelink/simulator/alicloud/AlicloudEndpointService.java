package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;

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
record AlicloudEndpointService(
        String serviceId,
        String serviceName,
        String ownerId,
        String region,
        Acceptance acceptance,
        List<String> zoneIds,
        String description,
        Set<String> users,
        Instant createdAt,
        long seq) implements PrivateLinkStore.Service {

    AlicloudEndpointService {
        zoneIds = List.copyOf(zoneIds);
        users = Collections.unmodifiableSet(new LinkedHashSet<>(users));
    }

    /** {@code com.aliyuncs.privatelink.<region>.epsrv-…}. */
    static String nameFor(String region, String serviceId) {
        return "com.aliyuncs.privatelink." + region + "." + serviceId;
    }

    /** {@code epsrv-….<region>.privatelink.aliyuncs.com}: the suffix of every endpoint domain of this service. */
    String domain() {
        return serviceId + "." + region + ".privatelink.aliyuncs.com";
    }

    /** The owner always sees its service; other accounts when their UID (or {@code *}) is whitelisted. */
    @Override
    public boolean visibleTo(CallingAccount caller) {
        return region.equals(caller.region())
                && (ownerId.equals(caller.accountId()) || users.contains(caller.accountId()) || users.contains("*"));
    }

    AlicloudEndpointService withUsers(Collection<String> newUsers) {
        return new AlicloudEndpointService(serviceId, serviceName, ownerId, region, acceptance, zoneIds, description,
                new LinkedHashSet<>(newUsers), createdAt, seq);
    }
}
