package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The connectivity tests this worker is asked to run. */
@ApplicationScoped
public class ConnectivityTestRepository implements PanacheRepositoryBase<ConnectivityTestEntity, String> {

    /** How many pending tests one turn takes, per instance: each takes seconds at most (bounded by timeouts). */
    static final int TURN = 8;

    /** Records a test to run; a redelivered request changes nothing. */
    public Uni<Void> insertRequested(ConnectivityTestRequested request, String traceParent) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO connectivity_test (test_id, connection_id, request, requested_at, trace_parent)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (test_id) DO NOTHING""")
                .setParameter(1, request.testId()).setParameter(2, request.connectionId())
                .setParameter(3, EventJson.write(request)).setParameter(4, request.requestTime())
                .setParameter(5, traceParent)
                .executeUpdate()).replaceWithVoid();
    }

    /** Tests still to run in these shards, oldest first. */
    public Uni<List<ConnectivityTestEntity>> pending(Collection<Integer> shards) {
        return find("completedAt is null and shard in ?1 order by requestedAt", shards).page(0, TURN).list();
    }

    /** Marks the test done; false when it already was (another instance, or a run before a crash, announced it). */
    public Uni<Boolean> complete(String testId, Instant at) {
        return update("completedAt = ?1 where testId = ?2 and completedAt is null", at, testId).map(rows -> rows == 1);
    }
}
