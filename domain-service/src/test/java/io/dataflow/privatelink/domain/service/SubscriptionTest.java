package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One subscriber's hand-over from what it read itself to this instance's live changes. */
class SubscriptionTest {

    @Test
    void liveChangesTheSubscriberAlreadyReadFromTheHistoryAreNotSentAgain() {
        // the instance's tail was at 5 when the subscriber registered, but it had read the history through 7
        Subscription subscription = new Subscription("c-1", null, 5, 100);
        for (long seq = 6; seq <= 9; seq++) {
            subscription.offer(change(seq));
        }
        AssertSubscriber<StatusEvent> subscriber = Multi.createFrom().<StatusEvent>emitter(
                emitter -> subscription.goLive(emitter, List.of(), 7)).subscribe().withSubscriber(AssertSubscriber.create(10));

        assertEquals(List.of(8L, 9L), subscriber.getItems().stream().map(StatusEvent::seq).toList());
        subscription.offer(change(10));
        assertEquals(List.of(8L, 9L, 10L), subscriber.getItems().stream().map(StatusEvent::seq).toList());
    }

    @Test
    void aNewSubscriberGetsItsStartThenEveryLiveChange() {
        Subscription subscription = new Subscription("c-1", null, 5, 100);
        subscription.offer(change(6));
        AssertSubscriber<StatusEvent> subscriber = Multi.createFrom().<StatusEvent>emitter(
                emitter -> subscription.goLive(emitter, List.of(StatusEvent.of(change(4))), 5))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        assertEquals(List.of(4L, 6L), subscriber.getItems().stream().map(StatusEvent::seq).toList());
    }

    @Test
    void aStoppingInstanceHandsALiveSubscriberOverWithWhereToResume() {
        Subscription subscription = new Subscription("c-1", null, 5, 100);
        AssertSubscriber<StatusEvent> subscriber = Multi.createFrom().<StatusEvent>emitter(
                emitter -> subscription.goLive(emitter, List.of(), 5)).subscribe().withSubscriber(AssertSubscriber.create(1));
        subscription.offer(change(6));
        subscription.offer(change(7)); // not taken yet: the subscriber has asked for one item only

        subscription.handOver();

        subscriber.request(10);
        List<StatusEvent> events = subscriber.getItems();
        assertEquals(List.of(StatusEvent.Kind.SNAPSHOT, StatusEvent.Kind.RESYNC), events.stream().map(StatusEvent::kind).toList());
        assertEquals(6L, events.get(1).seq(), "resumes after what it received; 7 comes from the next instance");
        subscriber.assertCompleted();
        subscription.offer(change(8));
        assertEquals(2, subscriber.getItems().size(), "nothing after the hand-over");
    }

    @Test
    void aSubscriberStillReadingItsStartGetsItThenTheHandOver() {
        Subscription subscription = new Subscription("c-1", null, 5, 100);
        subscription.handOver();
        AssertSubscriber<StatusEvent> subscriber = Multi.createFrom().<StatusEvent>emitter(
                emitter -> subscription.goLive(emitter, List.of(StatusEvent.of(change(4))), 5))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        assertEquals(List.of(StatusEvent.Kind.SNAPSHOT, StatusEvent.Kind.RESYNC),
                subscriber.getItems().stream().map(StatusEvent::kind).toList());
        assertEquals(5L, subscriber.getItems().get(1).seq());
        subscriber.assertCompleted();
    }

    private static Change change(long seq) {
        return new Change(seq, "plc-1", "c-1", "{\"state\":\"ACTIVE\"}", Instant.EPOCH, null);
    }
}
