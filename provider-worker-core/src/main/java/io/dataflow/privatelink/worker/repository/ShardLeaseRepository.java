package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.lease.ShardBalance;
import io.dataflow.privatelink.worker.lease.ShardLease;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The shard leases of a worker's instances (tables {@code reconcile_shard}, {@code reconcile_member}). */
@ApplicationScoped
public class ShardLeaseRepository implements PanacheRepositoryBase<ReconcileShardEntity, Integer> {

    /**
     * Renews this instance's leases and rebalances (see {@link ShardBalance}), in the caller's transaction;
     * the shard rows stay locked to its end, so renewals of several instances run one after the other.
     */
    public Uni<HeldShards> renew(HeldShards held, Instant now, Duration ttl) {
        String me = held.instance();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO reconcile_member (instance_id, seen_at) VALUES (?1, ?2)
                        ON CONFLICT (instance_id) DO UPDATE SET seen_at = excluded.seen_at""")
                        .setParameter(1, me).setParameter(2, now).executeUpdate())
                .chain(() -> Panache.getSession().chain(session -> session
                        .createMutationQuery("delete from ReconcileMemberEntity where seenAt < ?1")
                        .setParameter(1, now.minus(ttl.multipliedBy(10))).executeUpdate()))
                .chain(() -> Panache.getSession().chain(session -> session
                        .createSelectionQuery("select count(m) from ReconcileMemberEntity m where m.seenAt > ?1",
                                Long.class)
                        .setParameter(1, now.minus(ttl)).getSingleResult()))
                .chain(live -> find("order by shard").withLock(LockModeType.PESSIMISTIC_WRITE).list()
                        .map(rows -> {
                            List<ShardLease> next = ShardBalance.renew(rows.stream().map(ShardLeaseRepository::lease)
                                    .toList(), me, held.epochs(), live.intValue(), now, ttl);
                            Map<Integer, Long> mine = new HashMap<>();
                            for (int i = 0; i < rows.size(); i++) {
                                ReconcileShardEntity row = rows.get(i);
                                ShardLease lease = next.get(i);
                                row.owner = lease.owner();
                                row.epoch = lease.epoch();
                                row.expiresAt = lease.expiresAt();
                                if (me.equals(lease.owner())) {
                                    mine.put(lease.shard(), lease.epoch());
                                }
                            }
                            return new HeldShards(me, Map.copyOf(mine), now);
                        }));
    }

    /** Gives this instance's shards back at once (a clean stop), so the others need not wait for expiry. */
    public Uni<Void> leave(String instance, Instant now) {
        return update("owner = null, expiresAt = ?1 where owner = ?2", now, instance)
                .chain(() -> Panache.getSession().chain(session -> session
                        .createMutationQuery("delete from ReconcileMemberEntity where instanceId = ?1")
                        .setParameter(1, instance).executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * Whether {@code held} still leases {@code shard} at the epoch it holds; the row stays share-locked to
     * the end of the caller's transaction, so no other instance can take the shard before that commits.
     */
    public Uni<Boolean> stillHeld(HeldShards held, int shard) {
        Long epoch = held.epochs().get(shard);
        if (epoch == null) {
            return Uni.createFrom().item(false);
        }
        return find("shard = ?1 and owner = ?2 and epoch = ?3", shard, held.instance(), epoch)
                .withLock(LockModeType.PESSIMISTIC_READ).firstResult().map(row -> row != null);
    }

    private static ShardLease lease(ReconcileShardEntity row) {
        return new ShardLease(row.shard, row.owner, row.epoch, row.expiresAt);
    }
}
