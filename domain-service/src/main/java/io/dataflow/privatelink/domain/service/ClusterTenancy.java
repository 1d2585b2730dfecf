package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.auth.Caller;
import io.dataflow.privatelink.domain.repository.ClusterTenancyRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.security.CallerClaims;
import io.dataflow.privatelink.security.Tenancy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The same tenancy as connection-service's, checked here again: a caller reads a cluster only with a role in
 * its project; another project's cluster answers exactly like a missing one (NOT_FOUND). A cluster this
 * service has no connection of holds nothing to read, so it answers empty. A host look-up is also open to
 * service callers with the {@value CallerClaims#LOOKUP_HOST_SCOPE} scope.
 */
@ApplicationScoped
public class ClusterTenancy {

    private final ClusterTenancyRepository tenancy;
    private final ConnectionViewRepository views;

    ClusterTenancy(ClusterTenancyRepository tenancy, ConnectionViewRepository views) {
        this.tenancy = tenancy;
        this.views = views;
    }

    public Uni<Void> requireReader(Caller caller, String clusterId) {
        return Panache.withSession(() -> tenancy.projectOf(clusterId).chain(project -> {
            if (project.isPresent()) {
                return readerOf(caller, clusterId, project.get());
            }
            // No project known: fail closed if there is anything to see (read models older than the table).
            // A view may have been committed since the first look, with its cluster's project in the same
            // transaction: look again before refusing.
            return views.anyOfCluster(clusterId).chain(any -> !any ? Uni.createFrom().voidItem()
                    : tenancy.projectOf(clusterId).chain(committed -> committed.isPresent()
                            ? readerOf(caller, clusterId, committed.get())
                            : Uni.createFrom().failure(Tenancy.clusterNotFound(clusterId))));
        }));
    }

    private static Uni<Void> readerOf(Caller caller, String clusterId, String project) {
        return caller.roleIn(project).isPresent() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(Tenancy.clusterNotFound(clusterId));
    }

    public Uni<Void> requireHostLookup(Caller caller, String clusterId) {
        return caller.hasScope(CallerClaims.LOOKUP_HOST_SCOPE) ? Uni.createFrom().voidItem()
                : requireReader(caller, clusterId);
    }
}
