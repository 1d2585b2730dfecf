package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.kit.api.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Status subscriptions: a stream of connection snapshots, one per change, each with the change's
 * sequence number as id. Without a resume point the stream starts with the current snapshot of each
 * connection in scope; with one ({@code Last-Event-ID}) it replays every change after it, in order,
 * then continues live.
 */
@ApplicationScoped
public class StatusSubscriptions {

    private static final int REPLAY_PAGE = 500;

    private final ChangeLogRepository changeLog;
    private final ConnectionViewRepository views;
    private final SubscriptionHub hub;

    StatusSubscriptions(ChangeLogRepository changeLog, ConnectionViewRepository views, SubscriptionHub hub) {
        this.changeLog = changeLog;
        this.views = views;
        this.hub = hub;
    }

    /** Checks the request before a stream is opened, so a bad one gets an error body, not an empty stream. */
    public Long resumePoint(String clusterId, String connectionId, String lastEventId) {
        if (connectionId != null && views.deletedFlag(clusterId, connectionId).isEmpty()) {
            throw ApiException.notFound("Private link connection " + connectionId + " was not found in cluster "
                    + clusterId + ".");
        }
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.invalidArgument("Last-Event-ID '" + lastEventId + "' is not an event id of this "
                    + "stream: send back the id of the last event received, a non-negative integer.");
        }
    }

    public Multi<Change> subscribe(String clusterId, String connectionId, Long resumeAfter) {
        return Multi.createFrom().emitter(emitter -> {
            SubscriptionHub.Registration registration = hub.register(change ->
                    clusterId.equals(change.clusterId())
                            && (connectionId == null || connectionId.equals(change.connectionId())));
            emitter.onTermination(() -> hub.unregister(registration));
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    List<Change> initial = resumeAfter == null
                            ? changeLog.currentAt(registration.startSeq(), clusterId, connectionId)
                            : List.of();
                    initial.forEach(emitter::emit);
                    long from = resumeAfter == null ? registration.startSeq() : resumeAfter;
                    while (from < registration.startSeq()) {
                        List<Change> page = changeLog.after(from, clusterId, connectionId, REPLAY_PAGE);
                        for (Change change : page) {
                            if (change.seq() > registration.startSeq()) {
                                break;
                            }
                            emitter.emit(change);
                        }
                        if (page.size() < REPLAY_PAGE) {
                            break;
                        }
                        from = page.get(page.size() - 1).seq();
                    }
                    registration.goLive(emitter);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }

    /** Subscribers connected to this instance. */
    public int subscribers() {
        return hub.subscribers();
    }
}
