package io.dataflow.privatelink.simulator.route53;

import io.dataflow.privatelink.simulator.common.CloudApiError;
import io.dataflow.privatelink.simulator.common.FaultSpec;

/** A Route 53 error: HTTP status, code and message, written as Route 53's {@code <ErrorResponse>}. */
final class Route53ApiError extends CloudApiError {

    Route53ApiError(int httpStatus, String code, String message) {
        super(httpStatus, code, message);
    }

    static Route53ApiError noSuchHostedZone(String id) {
        return new Route53ApiError(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
    }

    static Route53ApiError invalidInput(String message) {
        return new Route53ApiError(400, "InvalidInput", message);
    }

    static Route53ApiError internalFailure() {
        return new Route53ApiError(500, "InternalFailure", "An internal error occurred.");
    }

    /** The answer to an injected fault or an empty rate bucket. */
    static Route53ApiError of(FaultSpec.Kind fault) {
        return switch (fault) {
            case THROTTLE -> new Route53ApiError(400, "Throttling", "Rate exceeded");
            case PRIOR_REQUEST_NOT_COMPLETE -> new Route53ApiError(400, "PriorRequestNotComplete",
                    "The request was rejected because Route 53 was still processing a prior request.");
            case SERVICE_UNAVAILABLE -> new Route53ApiError(503, "ServiceUnavailable", "Service unavailable");
            default -> internalFailure();
        };
    }
}
