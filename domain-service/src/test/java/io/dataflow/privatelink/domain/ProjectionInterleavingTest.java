package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;
import io.dataflow.privatelink.domain.projection.ReadersView;
import io.dataflow.privatelink.domain.projection.Scenario;
import io.dataflow.privatelink.domain.service.ConnectionProjection;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.messaging.InboundEvent;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read model is a function of the log, in PostgreSQL: each scripted story is projected by the real
 * projection (its statements, locks and flushes) in 200 random interleavings of its two topics, each run
 * with ids of its own; twenty runs at a time share randomly cut batches, as the connections of one poll
 * do. Every run ends as the story says readers see it, and leaves the same rows in every read-model table,
 * the same history and routes, and the same published snapshot.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class ProjectionInterleavingTest {

    private static final int INTERLEAVINGS = 200;
    private static final int RUNS_PER_GROUP = 20;

    @Inject
    ConnectionProjection projection;

    @TestFactory
    Stream<DynamicTest> everyInterleavingLeavesTheSameRows() {
        return Scenario.all().stream().map(story -> DynamicTest.dynamicTest(story.name(), () -> {
            Random random = new Random(story.name().hashCode() * 31L);
            List<String> runs = new ArrayList<>();
            for (int group = 0; group < INTERLEAVINGS / RUNS_PER_GROUP; group++) {
                // Runs of a group share batches, as the connections of one poll do; each run keeps its own order.
                List<List<InboundEvent>> streams = new ArrayList<>();
                for (int i = 0; i < RUNS_PER_GROUP; i++) {
                    String run = String.format("-%016x", random.nextLong());
                    runs.add(run);
                    streams.add(story.forRun(run).interleaving(random));
                }
                for (List<InboundEvent> batch : batches(merge(streams, random), random)) {
                    // What is checked is the rows, not their durability: no fsync per commit here.
                    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                            .chain(session -> session.createNativeQuery("SET LOCAL synchronous_commit = off")
                                    .executeUpdate())
                            .chain(() -> projection.apply(batch))));
                }
            }
            Map<String, String> seen = readersViews(runs);
            for (String run : runs) {
                assertEquals(story.expected(), seen.get(run), story.name() + ", run " + run);
            }
            Map<String, String> contents = contents(runs);
            String expected = contents.get(runs.get(0));
            for (int i = 1; i < runs.size(); i++) {
                assertEquals(expected, contents.get(runs.get(i)), story.name() + ", interleaving " + i);
            }
        }));
    }

    /** The streams dealt into one at random, each stream's order kept. */
    private static List<InboundEvent> merge(List<List<InboundEvent>> streams, Random random) {
        List<InboundEvent> merged = new ArrayList<>();
        int[] next = new int[streams.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            open.add(i);
        }
        while (!open.isEmpty()) {
            int pick = open.get(random.nextInt(open.size()));
            merged.add(streams.get(pick).get(next[pick]++));
            if (next[pick] == streams.get(pick).size()) {
                open.remove(Integer.valueOf(pick));
            }
        }
        return merged;
    }

    private static List<List<InboundEvent>> batches(List<InboundEvent> events, Random random) {
        List<List<InboundEvent>> batches = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            int size = 1 + random.nextInt(40);
            batches.add(events.subList(i, Math.min(events.size(), i + size)));
            i += size;
        }
        return batches;
    }

    /** What readers see at the end of each run ({@link ReadersView}), with the run's suffix taken out. */
    private static Map<String, String> readersViews(List<String> runs) {
        Object suffixes = runs.toArray(String[]::new);
        Map<String, Map<String, String>> snapshots = new TreeMap<>();
        Map<String, Map<String, List<HistoryEntry>>> history = new TreeMap<>();
        Map<String, List<String>> routes = new TreeMap<>();
        runs.forEach(run -> {
            snapshots.put(run, new TreeMap<>());
            history.put(run, new TreeMap<>());
            routes.put(run, new ArrayList<>());
        });
        for (Object[] row : Sql.rows("SELECT right(connection_id, 17), connection_id, last_snapshot FROM connection_view"
                + " WHERE right(connection_id, 17) = ANY (CAST(?1 AS text[]))", suffixes)) {
            String run = (String) row[0];
            snapshots.get(run).put(((String) row[1]).replace(run, ""),
                    row[2] == null ? null : ((String) row[2]).replace(run, ""));
        }
        for (Object[] row : Sql.rows("SELECT right(connection_id, 17), event_id, connection_id, state, message,"
                + " to_char(change_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), failure_reason,"
                + " connectivity_test_id FROM connection_history"
                + " WHERE right(connection_id, 17) = ANY (CAST(?1 AS text[])) ORDER BY change_time, event_id", suffixes)) {
            String run = (String) row[0];
            String connection = ((String) row[2]).replace(run, "");
            history.get(run).computeIfAbsent(connection, id -> new ArrayList<>()).add(new HistoryEntry(
                    ((String) row[1]).replace(run, ""), connection,
                    row[3] == null ? null : ConnectionState.valueOf((String) row[3]),
                    row[4] == null ? null : ((String) row[4]).replace(run, ""), Instant.parse((String) row[5]),
                    row[6] == null ? null : FailureReason.valueOf((String) row[6]),
                    row[7] == null ? null : ((String) row[7]).replace(run, "")));
        }
        for (Object[] row : Sql.rows("SELECT right(connection_id, 17), name || ' ' || attach_domain_id FROM domain_route"
                + " WHERE right(connection_id, 17) = ANY (CAST(?1 AS text[]))", suffixes)) {
            String run = (String) row[0];
            routes.get(run).add(((String) row[1]).replace(run, ""));
        }
        Map<String, String> seen = new TreeMap<>();
        runs.forEach(run -> seen.put(run, ReadersView.of(snapshots.get(run), history.get(run), routes.get(run))));
        return seen;
    }

    /**
     * Every row of each run, all columns but the change log's numbering, with the run's suffix taken out
     * (ids end with the run's 17-character suffix).
     */
    private static Map<String, String> contents(List<String> runs) {
        String[] suffixes = runs.toArray(String[]::new);
        Map<String, StringBuilder> byRun = new TreeMap<>();
        runs.forEach(run -> byRun.put(run, new StringBuilder()));
        for (String table : List.of(
                "SELECT right(connection_id, 17), CAST(ROW(connection_id, cluster_id, display_name, display_name_version,"
                        + " type, service_name,"
                        + " service_region, created_by, create_time, deletion_requested_at, deletion_requested_by,"
                        + " worker_version, worker_time, worker_event_id, worker_state, worker_message,"
                        + " worker_failure_reason, worker_acceptance_deadline, endpoint_id,"
                        + " az_ids, connectivity_test, deleted_at, state, message, update_time, last_snapshot) AS text)"
                        + " FROM connection_view"
                        + " WHERE right(connection_id, 17) = ANY (CAST(?1 AS text[])) ORDER BY connection_id",
                "SELECT right(connection_id, 17), CAST(ROW(a.*) AS text) FROM attachment_view a"
                        + " WHERE right(connection_id, 17) = ANY (CAST(?1 AS text[])) ORDER BY attach_domain_id",
                "SELECT right(connection_id, 17), CAST(ROW(h.*) AS text) FROM connection_history h"
                        + " WHERE right(connection_id, 17) = ANY (CAST(?1 AS text[])) ORDER BY change_time, event_id",
                "SELECT right(connection_id, 17), CAST(ROW(r.*) AS text) FROM domain_route r"
                        + " WHERE right(connection_id, 17) = ANY (CAST(?1 AS text[])) ORDER BY name, attach_domain_id")) {
            for (Object[] row : Sql.rows(table, (Object) suffixes)) {
                String run = (String) row[0];
                byRun.get(run).append(((String) row[1]).replace(run, "")).append('\n');
            }
        }
        Map<String, String> contents = new TreeMap<>();
        byRun.forEach((run, text) -> contents.put(run, text.toString()));
        return contents;
    }
}
