package io.dataflow.privatelink.kit.api;

/**
 * Read-your-writes between the command side and the read side: a forwarded query names the latest
 * event the caller's commands produced, and the read side answers once it has projected that event.
 */
public final class ReadYourWrites {

    /** Request header with the id of the event the answer must include. */
    public static final String MIN_EVENT_HEADER = "X-Plc-Min-Event-Id";

    private ReadYourWrites() {
    }
}
