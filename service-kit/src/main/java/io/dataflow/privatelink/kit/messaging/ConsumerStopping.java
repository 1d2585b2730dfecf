package io.dataflow.privatelink.kit.messaging;

/**
 * A batch given up because the process is stopping: its transient failure (the database pool already closed)
 * will not clear in this process. The batch is not acknowledged, so its offsets are not committed and the
 * instance that takes over the partition processes it; it is never dead-lettered. Carries the failure as
 * text only, so that it is not mistaken for the transient failure itself and retried.
 */
public final class ConsumerStopping extends RuntimeException {

    ConsumerStopping(String consumer, Throwable failure) {
        super(consumer + ": stopping; the batch is left to the next owner of its partition (" + failure + ")", null,
                false, false);
    }
}
