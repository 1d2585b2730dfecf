package io.dataflow.privatelink.contract.event;

/** A record that is not a valid event of the type it claims; consumers dead-letter it instead of stopping. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
