package io.dataflow.privatelink.domain.service;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Duration;

class ProjectionSignalsTest {

    /** Without the database: the notification is what {@link ProjectionSignals#signal} stands for. */
    private final ProjectionSignals signals = new ProjectionSignals(null);

    @Test
    void everyWaiterIsWokenByTheNextBatch() {
        UniAssertSubscriber<Void> first = signals.nextBatch().subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> second = signals.nextBatch().subscribe().withSubscriber(UniAssertSubscriber.create());
        first.assertNotTerminated();
        signals.signal();
        first.assertCompleted();
        second.assertCompleted();
    }

    @Test
    void aWaiterGivingUpLeavesTheOthersWaitingForTheBatch() {
        // Two queries wait for the same batch; the first one's time is up before it commits.
        UniAssertSubscriber<Void> givesUp = signals.nextBatch().ifNoItem().after(Duration.ofMillis(1))
                .recoverWithItem((Void) null).subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> stays = signals.nextBatch().subscribe().withSubscriber(UniAssertSubscriber.create());
        givesUp.awaitItem(Duration.ofSeconds(5));

        stays.assertNotTerminated(); // not failed by the other's cancellation
        signals.signal();
        stays.assertCompleted();
    }

    @Test
    void aCancelledWaiterDoesNotSpoilTheNextOnes() {
        signals.nextBatch().subscribe().withSubscriber(UniAssertSubscriber.create()).cancel();
        UniAssertSubscriber<Void> later = signals.nextBatch().subscribe().withSubscriber(UniAssertSubscriber.create());
        later.assertNotTerminated();
        signals.signal();
        later.assertCompleted();
    }
}
