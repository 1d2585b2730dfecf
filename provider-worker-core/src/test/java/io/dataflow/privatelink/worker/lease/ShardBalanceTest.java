package io.dataflow.privatelink.worker.lease;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardBalanceTest {

    private static final Duration TTL = Duration.ofSeconds(6);
    private static final Duration RENEW = Duration.ofSeconds(2);

    /** The table and the instances renewing against it, every RENEW, in turn (as the row locks serialize them). */
    private static final class Cluster {
        List<ShardLease> rows = new ArrayList<>(IntStream.range(0, 16)
                .mapToObj(s -> new ShardLease(s, null, 0, Instant.EPOCH)).toList());
        final Map<String, Map<Integer, Long>> held = new HashMap<>();
        final Map<String, Instant> seen = new HashMap<>();
        final Set<String> alive = new HashSet<>();
        Instant now = Instant.parse("2026-12-02T00:00:00Z");

        void start(String instance) {
            alive.add(instance);
            held.put(instance, Map.of()); // a new incarnation holds nothing yet
        }

        void kill(String instance) {
            alive.remove(instance);
        }

        void round() {
            for (String me : alive.stream().sorted().toList()) {
                seen.put(me, now);
                int live = (int) seen.values().stream().filter(t -> t.isAfter(now.minus(TTL))).count();
                rows = ShardBalance.renew(rows, me, held.get(me), live, now, TTL);
                Map<Integer, Long> mine = new HashMap<>();
                rows.stream().filter(r -> me.equals(r.owner())).forEach(r -> mine.put(r.shard(), r.epoch()));
                held.put(me, mine);
            }
            now = now.plus(RENEW);
        }

        /** Shards each live incarnation holds whose lease says so (owner and epoch). */
        Map<Integer, String> effectiveOwners() {
            Map<Integer, String> owners = new HashMap<>();
            for (String me : alive) {
                held.get(me).forEach((shard, epoch) -> {
                    ShardLease row = rows.get(shard);
                    if (me.equals(row.owner()) && row.epoch() == epoch) {
                        String before = owners.put(shard, me);
                        assertEquals(null, before, "shard " + shard + " held twice");
                    }
                });
            }
            return owners;
        }

        int count(String instance) {
            return (int) effectiveOwners().values().stream().filter(instance::equals).count();
        }
    }

    @Test
    void threeInstancesShareTheSixteenShardsWithoutOverlap() {
        Cluster c = new Cluster();
        c.start("a");
        c.round();
        assertEquals(16, c.count("a"), "alone, an instance takes every shard");
        c.start("b");
        c.start("c");
        for (int i = 0; i < 4; i++) {
            c.round();
        }
        assertEquals(16, c.effectiveOwners().size());
        for (String instance : List.of("a", "b", "c")) {
            assertTrue(c.count(instance) >= 5 && c.count(instance) <= 6, instance + " holds " + c.count(instance));
        }
    }

    @Test
    void aDeadInstancesShardsAreTakenOverOnceItsLeasesExpire() {
        Cluster c = new Cluster();
        List.of("a", "b", "c").forEach(c::start);
        for (int i = 0; i < 4; i++) {
            c.round();
        }
        Set<Integer> ofC = new HashSet<>(c.held.get("c").keySet());
        Map<Integer, Long> epochsOfC = new HashMap<>(c.held.get("c"));
        c.kill("c");
        Instant died = c.now;
        while (c.effectiveOwners().size() < 16) {
            c.round();
            assertTrue(Duration.between(died, c.now).compareTo(Duration.ofSeconds(10)) <= 0,
                    "taken over within 10 s");
        }
        for (int shard : ofC) {
            assertTrue(c.rows.get(shard).epoch() > epochsOfC.get(shard), "a new owner raises the epoch (fences c)");
        }
        assertEquals(8, c.count("a"));
        assertEquals(8, c.count("b"));
    }

    @Test
    void aRestartedInstanceTakesItsOwnShardsBackAtOnceWithANewEpoch() {
        Cluster c = new Cluster();
        List.of("a", "b").forEach(c::start);
        for (int i = 0; i < 3; i++) {
            c.round();
        }
        Map<Integer, Long> before = new HashMap<>(c.held.get("b"));
        c.start("b"); // the same name, a new incarnation: it holds nothing
        c.round();
        assertEquals(before.keySet(), c.held.get("b").keySet(), "its shards back at the first renewal");
        before.forEach((shard, epoch) -> assertEquals(epoch + 1, c.rows.get(shard).epoch()));
    }

    @Test
    void anInstanceOverItsShareGivesTheExcessToANewcomer() {
        Cluster c = new Cluster();
        c.start("a");
        c.round();
        c.start("b");
        c.round(); // a sees two live instances and releases half; b takes what is free
        c.round();
        assertEquals(8, c.count("a"));
        assertEquals(8, c.count("b"));
    }
}
