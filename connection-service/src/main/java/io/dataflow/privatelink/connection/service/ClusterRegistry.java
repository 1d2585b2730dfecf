package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.ClusterRepository;
import io.dataflow.privatelink.contract.auth.Caller;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Knows the platform's clusters: seeded from configuration at start-up, read from the database after,
 * and kept in memory (cache {@code clusters}, see application.properties): every request names its
 * cluster, and a cluster's placement changes only when an instance starts with new configuration.
 */
@ApplicationScoped
public class ClusterRegistry {

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    private final ClusterRepository clusters;
    private final ConnectionServiceConfig config;
    private final CaffeineCache cache;

    ClusterRegistry(ClusterRepository clusters, ConnectionServiceConfig config, @CacheName("clusters") Cache cache) {
        this.clusters = clusters;
        this.config = config;
        this.cache = cache.as(CaffeineCache.class);
    }

    void seed(@Observes StartupEvent startup) throws Throwable {
        List<ClusterPlacement> seeds = new ArrayList<>();
        config.clusters().forEach((clusterId, seed) -> {
            Map<String, String> subnets = new LinkedHashMap<>();
            for (String az : seed.azIds()) {
                String subnet = seed.subnets().get(az);
                if (subnet == null) {
                    throw new IllegalStateException("plc.clusters." + clusterId + ".subnets has no subnet for zone " + az);
                }
                subnets.put(az, subnet);
            }
            seeds.add(new ClusterPlacement(clusterId, seed.projectId(), seed.provider(), seed.region(), seed.accountId(),
                    seed.vpcId(), seed.azIds(), subnets, seed.securityGroupId()));
        });
        if (seeds.isEmpty()) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom().iterable(seeds)
                .onItem().transformToUniAndConcatenate(clusters::upsert).collect().last()));
        seeds.forEach(c -> LOG.infof("Registered cluster %s (%s %s)", c.clusterId(), c.provider(), c.region()));
        cache.invalidateAll().await().indefinitely();
    }

    /**
     * The cluster, or empty. A known cluster comes from memory; an unknown id is looked up each time (in
     * the caller's session, so the answer arrives on the caller's context) and only a found one is kept.
     */
    public Uni<Optional<ClusterPlacement>> find(String clusterId) {
        CompletableFuture<ClusterPlacement> cached = cache.getIfPresent(clusterId);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            return Uni.createFrom().item(Optional.of(cached.join()));
        }
        return Panache.withSession(() -> clusters.find(clusterId)).invoke(found -> found
                .ifPresent(cluster -> cache.put(clusterId, CompletableFuture.completedFuture(cluster))));
    }

    /** The clusters of the caller's projects (a database read: the cache holds clusters by id only). */
    public Uni<List<ClusterPlacement>> visibleTo(Caller caller) {
        return Panache.withSession(() -> clusters.inProjects(caller.projects().keySet()));
    }

    /** The cluster, or NOT_FOUND in the API's words. */
    public Uni<ClusterPlacement> require(String clusterId) {
        return find(clusterId).map(found -> found.orElseThrow(() -> ApiException.notFound(
                "Cluster " + clusterId + " was not found. Check the cluster id.")));
    }
}
