package io.dataflow.privatelink.simulator.common;

/**
 * A cloud API error as the wire shows it: HTTP status, error code and message. Each simulator throws its
 * own subclass anywhere in request handling (with factories for its cloud's codes) and its HTTP handler
 * renders it in the cloud's error format. Carries no stack trace: it is an answer, not a bug.
 */
public abstract class CloudApiError extends RuntimeException {

    private final String code;
    private final int httpStatus;

    protected CloudApiError(int httpStatus, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
