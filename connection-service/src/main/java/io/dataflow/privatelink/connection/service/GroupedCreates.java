package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.ConnectionEntity;
import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.repository.IdempotencyKeyEntity;
import io.dataflow.privatelink.connection.repository.IdempotencyKeyRepository;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.kit.db.GroupCommit;
import io.dataflow.privatelink.kit.db.GroupCommit.Pending;
import io.dataflow.privatelink.kit.faults.TransientFailures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes creates by group commit: the creates that arrive while one group's transaction is written go
 * together into the next, one statement per table (keys, connections, outbox, command events, audit),
 * so that under load a create costs a fraction of a transaction; a create alone is written at once. At
 * most {@code plc.creates.max-group} per transaction, one transaction at a time.
 *
 * <p>A group's transaction first takes the quota locks of its clusters and projects and counts their
 * connections ({@link ConnectionQuotas}): the creates that fit are written, the others are refused one by one
 * (RESOURCE_EXHAUSTED; nothing of theirs is written, their keys included) unless their idempotency key already
 * made a connection, whose answer they then get.
 *
 * <p>Each create is answered once its group has committed. When one create of a group cannot be written
 * (its idempotency key was used before, a constraint), the group is rolled back and its creates are
 * written one by one, so that each gets its own answer; a transient failure (the database unreachable)
 * fails the group's creates with it (503, to be retried with the same key).
 */
@ApplicationScoped
public class GroupedCreates {

    /**
     * A checked create, ready to be written: its row, its answer, its event and audit record, its key, and its
     * cluster's project (whose quota it counts against).
     */
    public record NewConnection(ConnectionEntity row, PrivateLinkConnection answer, CommandEvents.AcceptedCommand command,
                                Optional<IdempotencyKeyEntity> key, String projectId) {
    }

    private final ConnectionRepository connections;
    private final IdempotencyKeyRepository keys;
    private final CommandEvents events;
    private final IdempotentCreates idempotent;
    private final ConnectionQuotas quotas;
    private final GroupCommit<NewConnection, PrivateLinkConnection> groups;

    GroupedCreates(ConnectionServiceConfig config, ConnectionRepository connections, IdempotencyKeyRepository keys,
                   CommandEvents events, IdempotentCreates idempotent, ConnectionQuotas quotas) {
        this.connections = connections;
        this.keys = keys;
        this.events = events;
        this.idempotent = idempotent;
        this.quotas = quotas;
        this.groups = new GroupCommit<>(config.creates().maxGroup(), this::write);
    }

    /** Writes the create with those waiting; the answer once it has committed. Call on the request's context. */
    public Uni<PrivateLinkConnection> create(NewConnection create) {
        return groups.submit(create);
    }

    /** Creates submitted and waiting for the group being written to commit (not yet in a group). */
    public int waiting() {
        return groups.waiting();
    }

    private Uni<Void> write(List<Pending<NewConnection, PrivateLinkConnection>> group) {
        List<NewConnection> creates = group.stream().map(Pending::request).toList();
        return Panache.withTransaction(() -> quotas.admit(creates.stream()
                                .map(c -> new QuotaAdmission.Request(c.row().clusterId, c.projectId())).toList())
                        .call(decisions -> writeAll(admitted(creates, decisions))))
                .onItemOrFailure().transformToUni((decisions, failure) -> failure == null
                        ? answer(group, decisions) : recover(group, failure));
    }

    /** After the group's commit: the admitted creates get their answers, the refused ones theirs. */
    private Uni<Void> answer(List<Pending<NewConnection, PrivateLinkConnection>> group,
                             List<Optional<QuotaAdmission.Refusal>> decisions) {
        List<Pending<NewConnection, PrivateLinkConnection>> refusedWithKey = new ArrayList<>();
        List<QuotaAdmission.Refusal> theirRefusals = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Pending<NewConnection, PrivateLinkConnection> pending = group.get(i);
            Optional<QuotaAdmission.Refusal> refusal = decisions.get(i);
            if (refusal.isEmpty()) {
                pending.complete(pending.request().answer());
            } else if (pending.request().key().isPresent()) {
                refusedWithKey.add(pending);
                theirRefusals.add(refusal.get());
            } else {
                pending.fail(new ConnectionQuotaExceeded(refusal.get()));
            }
        }
        if (refusedWithKey.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // A retry of a create that was accepted (its key recorded) gets that create's answer, not a refusal.
        List<IdempotencyKeyEntity> mine = refusedWithKey.stream().map(p -> p.request().key().orElseThrow()).toList();
        return idempotent.recordedKeys(mine).invoke(recorded -> {
            for (int i = 0; i < refusedWithKey.size(); i++) {
                Pending<NewConnection, PrivateLinkConnection> pending = refusedWithKey.get(i);
                IdempotencyKeyEntity first = recorded.get(i);
                if (first == null) {
                    pending.fail(new ConnectionQuotaExceeded(theirRefusals.get(i)));
                    continue;
                }
                try {
                    pending.complete(IdempotentCreates.earlierAnswer(mine.get(i), first));
                } catch (RuntimeException keyReused) {
                    pending.fail(keyReused);
                }
            }
        }).onFailure().invoke(failure -> refusedWithKey.forEach(p -> p.fail(failure)))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    private Uni<Void> recover(List<Pending<NewConnection, PrivateLinkConnection>> group, Throwable failure) {
        if (group.size() > 1 && !TransientFailures.isTransient(failure)) {
            return Multi.createFrom().iterable(group)
                    .onItem().transformToUniAndConcatenate(one -> write(List.of(one)))
                    .collect().last().replaceWithVoid();
        }
        Pending<NewConnection, PrivateLinkConnection> alone = group.get(0);
        if (group.size() == 1 && failure instanceof KeyUsedBefore && alone.request().key().isPresent()) {
            return idempotent.earlierAnswer(alone.request().key().get())
                    .invoke(alone::complete).onFailure().invoke(alone::fail)
                    .replaceWithVoid().onFailure().recoverWithNull();
        }
        group.forEach(p -> p.fail(failure));
        return Uni.createFrom().voidItem();
    }

    private static List<NewConnection> admitted(List<NewConnection> creates,
                                                List<Optional<QuotaAdmission.Refusal>> decisions) {
        List<NewConnection> admitted = new ArrayList<>(creates.size());
        for (int i = 0; i < creates.size(); i++) {
            if (decisions.get(i).isEmpty()) {
                admitted.add(creates.get(i));
            }
        }
        return admitted;
    }

    /** Inside the group's transaction; the keys first, so that a taken one costs no other write. */
    private Uni<Void> writeAll(List<NewConnection> creates) {
        if (creates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<IdempotencyKeyEntity> keyRows = creates.stream().flatMap(c -> c.key().stream()).toList();
        Uni<Void> keysRecorded = keyRows.isEmpty() ? Uni.createFrom().voidItem()
                : keys.recordAll(keyRows).invoke(recorded -> {
                    if (recorded != keyRows.size()) {
                        throw new KeyUsedBefore();
                    }
                }).replaceWithVoid();
        return keysRecorded
                .chain(() -> connections.insertNew(creates.stream().map(NewConnection::row).toList()))
                .chain(() -> events.emitAll(creates.stream().map(NewConnection::command).toList()));
    }

    /** Rolls back a group in which an idempotency key turned out to be taken. */
    private static final class KeyUsedBefore extends RuntimeException {
        KeyUsedBefore() {
            super("idempotency key used before", null, false, false);
        }
    }
}
