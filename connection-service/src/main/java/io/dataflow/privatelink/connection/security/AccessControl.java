package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.connection.service.ClusterRegistry;
import io.dataflow.privatelink.contract.auth.Caller;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ControlCharacters;
import io.dataflow.privatelink.security.Tenancy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Tenant isolation: a caller sees the clusters of its projects only. Another project's cluster answers
 * exactly like a missing one (NOT_FOUND), so ids reveal nothing; a viewer may read, an editor also write.
 */
@ApplicationScoped
public class AccessControl {

    private final ClusterRegistry clusters;

    AccessControl(ClusterRegistry clusters) {
        this.clusters = clusters;
    }

    /** The cluster, if the caller may act on it with {@code needed}; otherwise the refusal. */
    public Uni<ClusterPlacement> require(Caller caller, String clusterId, Role needed) {
        if (clusterId == null || ControlCharacters.in(clusterId)) {
            return Uni.createFrom().failure(notFound(ControlCharacters.scrubbed(clusterId)));
        }
        return clusters.find(clusterId).map(found -> {
            ClusterPlacement cluster = found.filter(c -> caller.roleIn(c.projectId()).isPresent())
                    .orElseThrow(() -> notFound(clusterId));
            Role role = caller.roleIn(cluster.projectId()).orElseThrow();
            if (!role.allows(needed)) {
                throw ApiException.permissionDenied("Your role in project " + cluster.projectId() + " is "
                        + role.name().toLowerCase(Locale.ROOT) + ": it may read this cluster's private link "
                        + "connections but not change them. Ask for the editor role.");
            }
            return cluster;
        });
    }

    public static ApiException notFound(String clusterId) {
        return Tenancy.clusterNotFound(clusterId);
    }
}
