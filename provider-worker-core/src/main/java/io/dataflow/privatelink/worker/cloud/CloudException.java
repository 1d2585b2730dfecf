package io.dataflow.privatelink.worker.cloud;

/**
 * A cloud call that failed. {@code retryable} failures (throttling, 5xx, timeouts) are tried again in
 * a later cycle; the others are the cloud's final word and end the connection in FAILED.
 */
public class CloudException extends RuntimeException {

    private final String errorCode;
    private final boolean retryable;

    public CloudException(String errorCode, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
