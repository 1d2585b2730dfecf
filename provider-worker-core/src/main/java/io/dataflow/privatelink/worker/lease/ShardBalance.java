package io.dataflow.privatelink.worker.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How an instance's renewal changes the shard leases (pure; the caller holds the rows locked): it keeps
 * and renews what it holds up to its fair share, releases the excess so a newcomer can take it, and
 * claims free or expired shards up to its share, raising their epoch. The share is
 * {@code ceil(shards / live instances)}, or the floor of that while another live instance holds less
 * than the floor, so 16 shards over 3 instances settle at 6/5/5. A shard leased to this instance's name that this incarnation does not hold (it was the instance
 * before a restart, which is dead: names are unique per live instance) is claimed at once, with a new
 * epoch, so a restarted instance resumes its work without waiting for its old leases to expire.
 */
public final class ShardBalance {

    private ShardBalance() {
    }

    /**
     * Returns every shard's lease after this instance's renewal at {@code now}, each lease it holds or claims
     * running for {@code ttl} more.
     *
     * @param rows   every shard's lease
     * @param me     this instance's name
     * @param held   shard → epoch this incarnation holds (empty after a start)
     * @param live   instances renewing within the lease time, this one included
     * @return every shard's lease after this renewal
     */
    public static List<ShardLease> renew(List<ShardLease> rows, String me, Map<Integer, Long> held, int live,
                                         Instant now, Duration ttl) {
        int instances = Math.max(live, 1);
        int share = starving(rows, me, instances, now) ? rows.size() / instances
                : (rows.size() + instances - 1) / instances;
        Instant until = now.plus(ttl);
        List<ShardLease> result = new ArrayList<>(rows);
        List<Integer> mine = new ArrayList<>();
        List<Integer> claimable = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            ShardLease lease = result.get(i);
            boolean heldNow = lease.ownedBy(me) && Long.valueOf(lease.epoch()).equals(held.get(lease.shard()));
            if (heldNow) {
                mine.add(i);
            } else if (lease.ownedBy(me) || lease.freeAt(now)) {
                claimable.add(i);
            }
        }
        mine.sort(Comparator.comparingInt(i -> result.get(i).shard()));
        claimable.sort(Comparator.comparingInt(i -> result.get(i).shard()));
        for (int k = 0; k < mine.size(); k++) {
            int i = mine.get(k);
            ShardLease lease = result.get(i);
            result.set(i, k < share ? new ShardLease(lease.shard(), me, lease.epoch(), until)
                    : new ShardLease(lease.shard(), null, lease.epoch(), now));
        }
        int claimed = 0;
        for (int i : claimable) {
            ShardLease lease = result.get(i);
            if (mine.size() + claimed < share) {
                result.set(i, new ShardLease(lease.shard(), me, lease.epoch() + 1, until));
                claimed++;
            } else if (lease.ownedBy(me)) {
                // our dead predecessor's, beyond our share: back to the pool at once
                result.set(i, new ShardLease(lease.shard(), null, lease.epoch(), now));
            }
        }
        return result;
    }

    /** Whether another live instance holds fewer shards than the floor of the fair share. */
    private static boolean starving(List<ShardLease> rows, String me, int instances, Instant now) {
        int floor = rows.size() / instances;
        Map<String, Integer> holdings = new java.util.HashMap<>();
        for (ShardLease lease : rows) {
            if (!lease.freeAt(now) && !lease.ownedBy(me)) {
                holdings.merge(lease.owner(), 1, Integer::sum);
            }
        }
        int withNothing = instances - 1 - holdings.size();
        return floor > 0 && (withNothing > 0 || holdings.values().stream().anyMatch(n -> n < floor));
    }
}
