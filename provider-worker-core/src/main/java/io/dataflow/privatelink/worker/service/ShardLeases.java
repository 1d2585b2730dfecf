package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.repository.ShardLeaseRepository;
import io.quarkus.runtime.Shutdown;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This instance's share of the worker's connections: it renews its shard leases every
 * {@code plc.worker.lease-renew-interval}, on its own schedule (a long reconcile pass never delays it),
 * and answers which shards the pass may work on. The name is {@code plc-instance-id} when set (stable
 * across restarts: a restarted instance takes its shards back at once), else a random one.
 */
@ApplicationScoped
public class ShardLeases {

    private static final Logger LOG = Logger.getLogger(ShardLeases.class);

    private final ShardLeaseRepository repository;
    private final WorkerConfig config;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<HeldShards> held;

    ShardLeases(ShardLeaseRepository repository, WorkerConfig config,
                @ConfigProperty(name = "plc-instance-id") Optional<String> instanceId) {
        this.repository = repository;
        this.config = config;
        this.held = new AtomicReference<>(HeldShards.none(
                instanceId.filter(id -> !id.isBlank()).orElseGet(() -> "worker-" + UUID.randomUUID())));
    }

    @Scheduled(identity = "shard-leases", every = "${plc.worker.lease-renew-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            renew();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot renew the shard leases (%s); the next renewal retries", e.getMessage());
        }
    }

    /** Renews and rebalances now. Blocks: call off the event loop. */
    public HeldShards renew() {
        HeldShards before = held.get();
        HeldShards after = Db.transaction(() -> repository.renew(before, now(), config.leaseTtl()));
        held.set(after);
        if (!after.shards().equals(before.shards())) {
            LOG.infof("Instance %s now leases %d shards: %s", after.instance(), after.shards().size(),
                    after.shards().stream().sorted().toList());
        }
        return after;
    }

    /**
     * The shards the pass may work on: none when the last successful renewal is older than the lease
     * time (another instance may have them by now; the fencing check would refuse the writes anyway).
     */
    public HeldShards current() {
        HeldShards now = held.get();
        return now.renewedAt().plus(config.leaseTtl()).isAfter(clock.instant()) ? now
                : HeldShards.none(now.instance());
    }

    public String instance() {
        return held.get().instance();
    }

    @Shutdown
    void leave() {
        String instance = held.get().instance();
        held.set(HeldShards.none(instance));
        try {
            Db.transaction(() -> repository.leave(instance, now()));
        } catch (RuntimeException e) {
            LOG.debugf("Could not give the shards back at stop (%s); they expire", e.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
