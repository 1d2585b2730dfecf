package io.dataflow.privatelink.kit.messaging;

import io.smallrye.mutiny.Uni;

import java.util.List;

/** What a consumer does with a batch of events: its database changes, inside the batch's transaction. */
@FunctionalInterface
public interface BatchHandler {

    /**
     * Applies the events this consumer has not processed before, in the order of their records. Runs in
     * the transaction that also records them as processed; a failure rolls both back.
     */
    Uni<Void> apply(List<InboundEvent> events);
}
