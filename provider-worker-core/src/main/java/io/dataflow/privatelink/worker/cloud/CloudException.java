package io.dataflow.privatelink.worker.cloud;

/**
 * A cloud call that failed. {@code retryable} failures (throttling, 5xx, timeouts) are tried again in
 * a later cycle; the others are the cloud's final word and end the connection in FAILED.
 */
public class CloudException extends RuntimeException {

    /**
     * Codes that say nothing about the resource asked for, only that the cloud (or this client's way to it)
     * cannot take calls now: throttling, the client-side budget spent, the API unreachable or unavailable.
     */
    private static final java.util.Set<String> CLOUD_WIDE = java.util.Set.of("RequestLimitExceeded",
            "ThrottlingException", "PriorRequestNotComplete", "ClientError", "ClientBudget", "ServiceUnavailable",
            "Unavailable", "SDK.ServerUnreachable", "SDK.TimeoutError");

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

    /**
     * Whether every other call would meet the same wall now (throttled, budget spent, API out of reach), so a
     * pass should stop asking; otherwise the failure is this resource's, and the others go on.
     */
    public boolean cloudWide() {
        return errorCode != null && (CLOUD_WIDE.contains(errorCode) || errorCode.startsWith("Throttling"));
    }
}
