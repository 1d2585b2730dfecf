package io.dataflow.privatelink.kit.db;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Group commit: requests that arrive while a batch is being written wait and are written together in the
 * next one, so that under load many requests share one transaction and one statement per table, and a
 * request alone is written at once (no lingering). One batch is written at a time, at most
 * {@code maxBatch} requests each, in the order they were submitted.
 *
 * <p>The writer gets the batch's requests and answers each ({@link Pending#complete} or
 * {@link Pending#fail}); one it leaves unanswered fails with the writer's failure. It runs on a Vert.x
 * context of its own (safe for Hibernate Reactive); each answer is delivered on the context its request
 * was submitted from (submit on a Vert.x thread).
 */
public final class GroupCommit<I, O> {

    private final int maxBatch;
    private final Function<List<Pending<I, O>>, Uni<Void>> writer;
    private final ArrayDeque<Pending<I, O>> waiting = new ArrayDeque<>();
    private boolean writing;

    public GroupCommit(int maxBatch, Function<List<Pending<I, O>>, Uni<Void>> writer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one request; it was " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.writer = writer;
    }

    /** Writes the request with the others waiting; call on a Vert.x thread. */
    public Uni<O> submit(I request) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            if (context == null) {
                emitter.fail(new IllegalStateException("submit on a Vert.x thread"));
                return;
            }
            boolean start;
            synchronized (this) {
                waiting.add(new Pending<>(request, emitter, context));
                start = !writing;
                writing = true;
            }
            if (start) {
                writeNext();
            }
        });
    }

    /** Requests submitted and not yet answered (for tests and metrics). */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void writeNext() {
        List<Pending<I, O>> batch = new ArrayList<>();
        synchronized (this) {
            while (batch.size() < maxBatch && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                writing = false;
                return;
            }
        }
        Uni<Void> written;
        try {
            // Beside the first request's context: the writer's Uni may complete on any thread.
            written = SafeContexts.onNewContext(batch.get(0).context, () -> writer.apply(List.copyOf(batch)));
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        written.subscribe().with(ignored -> finish(batch, null), failure -> finish(batch, failure));
    }

    private void finish(List<Pending<I, O>> batch, Throwable failure) {
        Throwable unanswered = failure != null ? failure
                : new IllegalStateException("the writer of its batch left this request unanswered");
        batch.forEach(pending -> pending.fail(unanswered));
        writeNext();
    }

    /** A request of a batch; answered once (later answers are ignored). */
    public static final class Pending<I, O> {
        private final I request;
        private final UniEmitter<? super O> emitter;
        private final Context context;
        private final AtomicBoolean answered = new AtomicBoolean();

        Pending(I request, UniEmitter<? super O> emitter, Context context) {
            this.request = request;
            this.emitter = emitter;
            this.context = context;
        }

        public I request() {
            return request;
        }

        public void complete(O answer) {
            if (answered.compareAndSet(false, true)) {
                deliver(() -> emitter.complete(answer));
            }
        }

        public void fail(Throwable failure) {
            if (answered.compareAndSet(false, true)) {
                deliver(() -> emitter.fail(failure));
            }
        }

        public boolean answered() {
            return answered.get();
        }

        private void deliver(Runnable answer) {
            context.runOnContext(ignored -> answer.run());
        }
    }
}
