package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.AuditRecordRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests refused for want of a valid token, counted in memory per source address and minute and written
 * every few seconds as one upsert ({@code unauthenticated_request_count}): a flood without tokens costs a
 * counter, not an audit row each. Memory is bounded: past {@code plc.audit.unauthenticated-max-sources}
 * distinct sources in a flush interval, the rest count under "other". A failed write keeps the counts for
 * the next flush.
 */
@ApplicationScoped
public class UnauthenticatedRequests {

    static final String OTHER_SOURCES = "other";
    private static final Logger LOG = Logger.getLogger(UnauthenticatedRequests.class);

    record Key(Instant minute, String source) {
    }

    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final AuditRecordRepository records;
    private final int maxSources;

    @jakarta.inject.Inject
    UnauthenticatedRequests(AuditRecordRepository records, ConnectionServiceConfig config) {
        this(records, config.audit().unauthenticatedMaxSources());
    }

    UnauthenticatedRequests(AuditRecordRepository records, int maxSources) {
        this.records = records;
        this.maxSources = maxSources;
    }

    /** Counts one refused request from {@code source} at {@code at}. Never blocks, never fails. */
    public void count(String source, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        Key key = new Key(minute, source == null ? "unknown" : source.replace('\0', '?'));
        if (!pending.containsKey(key) && pending.size() >= maxSources) {
            key = new Key(minute, OTHER_SOURCES);
        }
        // merge and remove are atomic per key: an increment lands either in the drained count or in the next one,
        // never in an adder a flush has already read (which lost counts under load)
        pending.merge(key, 1L, Long::sum);
    }

    @Scheduled(every = "${plc.audit.unauthenticated-flush-interval:5s}", delay = 1,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return flush();
    }

    /** Writes the counts gathered so far; on failure they stay for the next flush. */
    public Uni<Void> flush() {
        List<Map.Entry<Key, Long>> drained = drain();
        if (drained.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[][] columns = new String[3][drained.size()];
        for (int i = 0; i < drained.size(); i++) {
            columns[0][i] = drained.get(i).getKey().minute().toString();
            columns[1][i] = drained.get(i).getKey().source();
            columns[2][i] = Long.toString(drained.get(i).getValue());
        }
        return Panache.withTransaction(() -> records.addUnauthenticatedCounts(columns[0], columns[1], columns[2]))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    drained.forEach(entry -> pending.merge(entry.getKey(), entry.getValue(), Long::sum));
                    LOG.warnf("Cannot write the counts of unauthenticated requests yet (kept for the next try): %s",
                            e.toString());
                    return null;
                });
    }

    /** Takes the counts gathered so far out of memory, each key's whole count once. */
    List<Map.Entry<Key, Long>> drain() {
        List<Map.Entry<Key, Long>> drained = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Long count = pending.remove(key);
            if (count != null) {
                drained.add(Map.entry(key, count));
            }
        }
        return drained;
    }

    void writeWhatIsLeft(@Observes ShutdownEvent shutdown) {
        try {
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(this::flush);
        } catch (Throwable e) {
            LOG.warnf("Counts of unauthenticated requests lost at shutdown: %s", e.toString());
        }
    }
}
