package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.kit.db.GroupCommit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The group commit's scheduling, with a writer that records its batches instead of a database. */
class GroupCommitTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> releases = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Answers each request with its double once the test releases its batch. */
    private GroupCommit<Integer, Integer> heldWriter(int maxBatch) {
        return new GroupCommit<>(maxBatch, batch -> {
            batches.add(batch.stream().map(GroupCommit.Pending::request).toList());
            CompletableFuture<Void> release = new CompletableFuture<>();
            releases.add(release);
            return Uni.createFrom().completionStage(release)
                    .invoke(() -> batch.forEach(p -> p.complete(p.request() * 2)));
        });
    }

    private CompletableFuture<Integer> submit(GroupCommit<Integer, Integer> group, int request, Context on) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        on.runOnContext(ignored -> group.submit(request).subscribe().with(answer::complete, answer::completeExceptionally));
        return answer;
    }

    @Test
    void aRequestAloneIsWrittenAtOnceAndThoseArrivingMeanwhileGoTogetherInOrderUpToTheBound() throws Exception {
        GroupCommit<Integer, Integer> group = heldWriter(3);
        Context context = vertx.getOrCreateContext();
        List<CompletableFuture<Integer>> answers = new CopyOnWriteArrayList<>();
        answers.add(submit(group, 0, context));
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
        for (int i = 1; i <= 5; i++) {
            answers.add(submit(group, i, context));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == 5);
        assertEquals(List.of(List.of(0)), batches, "nothing more is written while a batch is being written");

        releases.get(0).complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 2);
        releases.get(1).complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 3);
        releases.get(2).complete(null);
        assertEquals(List.of(List.of(0), List.of(1, 2, 3), List.of(4, 5)), batches);
        for (int i = 0; i <= 5; i++) {
            assertEquals(2 * i, answers.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(0, group.waiting());
    }

    @Test
    void eachAnswerArrivesOnTheContextItsRequestCameFrom() throws Exception {
        GroupCommit<Integer, Integer> group = heldWriter(10);
        Context first = vertx.getOrCreateContext();
        Context second = io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(first);
        CompletableFuture<Context> answeredOn = new CompletableFuture<>();
        CompletableFuture<Integer> firstAnswer = submit(group, 1, first);
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
        second.runOnContext(ignored -> group.submit(2).subscribe()
                .with(answer -> answeredOn.complete(Vertx.currentContext()), answeredOn::completeExceptionally));
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == 1);
        releases.get(0).complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 2);
        releases.get(1).complete(null);
        assertEquals(2, firstAnswer.get(10, TimeUnit.SECONDS));
        assertSame(second, answeredOn.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aRequestTheWriterLeavesUnansweredFailsAndTheNextBatchIsStillWritten() throws Exception {
        GroupCommit<Integer, Integer> group = new GroupCommit<>(10, batch -> {
            batches.add(batch.stream().map(GroupCommit.Pending::request).toList());
            if (batch.get(0).request() == 1) {
                return Uni.createFrom().failure(new IllegalStateException("the database refused the batch"));
            }
            batch.stream().filter(p -> p.request() % 2 == 0).forEach(p -> p.complete(p.request()));
            return Uni.createFrom().voidItem();
        });
        Context context = vertx.getOrCreateContext();
        var failed = submit(group, 1, context);
        var cause = assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
        assertEquals("the database refused the batch", cause.getCause().getMessage());
        var answered = submit(group, 2, context);
        var unanswered = submit(group, 3, context);
        assertEquals(2, answered.get(10, TimeUnit.SECONDS));
        var left = assertThrows(java.util.concurrent.ExecutionException.class, () -> unanswered.get(10, TimeUnit.SECONDS));
        assertTrue(left.getCause().getMessage().contains("unanswered"), left.getCause().getMessage());
    }

    @Test
    void aBatchHoldsAtLeastOneRequest() {
        assertThrows(IllegalArgumentException.class, () -> new GroupCommit<Integer, Integer>(0, batch -> Uni.createFrom().voidItem()));
    }
}
