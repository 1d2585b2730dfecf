package io.dataflow.privatelink.simulator.route53;

/** A Route 53 error: HTTP status, code and message, written as Route 53's {@code <ErrorResponse>}. */
final class Route53ApiError extends RuntimeException {

    private final int httpStatus;
    private final String code;

    Route53ApiError(int httpStatus, String code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    int httpStatus() {
        return httpStatus;
    }

    String code() {
        return code;
    }

    static Route53ApiError noSuchHostedZone(String id) {
        return new Route53ApiError(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
    }

    static Route53ApiError invalidChangeBatch(String message) {
        return new Route53ApiError(400, "InvalidChangeBatch", message);
    }

    static Route53ApiError invalidInput(String message) {
        return new Route53ApiError(400, "InvalidInput", message);
    }
}
