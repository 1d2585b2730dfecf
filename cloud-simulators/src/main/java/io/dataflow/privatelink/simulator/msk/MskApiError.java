package io.dataflow.privatelink.simulator.msk;

import io.dataflow.privatelink.simulator.common.CloudApiError;
import io.dataflow.privatelink.simulator.common.FaultSpec;

/**
 * An MSK API error as the wire shows it: the HTTP status, the error type in the {@code x-amzn-ErrorType} header
 * (which the SDK maps to its exception class: {@code BadRequestException}, {@code NotFoundException}, …) and
 * the body {@code {"message":…,"invalidParameter":…}}.
 */
final class MskApiError extends CloudApiError {

    private final String invalidParameter;

    MskApiError(int httpStatus, String code, String message, String invalidParameter) {
        super(httpStatus, code, message);
        this.invalidParameter = invalidParameter;
    }

    /** The request member the error is about; null when none. */
    String invalidParameter() {
        return invalidParameter;
    }

    static MskApiError badRequest(String invalidParameter, String message) {
        return new MskApiError(400, "BadRequestException", message, invalidParameter);
    }

    static MskApiError missing(String parameter) {
        return badRequest(parameter, parameter + " is a required parameter.");
    }

    static MskApiError notFound(String invalidParameter, String message) {
        return new MskApiError(404, "NotFoundException", message, invalidParameter);
    }

    static MskApiError clusterNotFound(String clusterArn) {
        return notFound("clusterArn", "The requested resource could not be found: cluster " + clusterArn
                + " does not exist.");
    }

    static MskApiError forbidden(String message) {
        return new MskApiError(403, "ForbiddenException", message, null);
    }

    /** What IAM answers a caller that neither owns the resource nor is allowed by its policy. */
    static MskApiError notAuthorized(String accountId, String action, String resourceArn) {
        return forbidden("User: arn:aws:iam::" + accountId + ":root is not authorized to perform: kafka:" + action
                + " on resource: " + resourceArn);
    }

    static MskApiError internal() {
        return new MskApiError(500, "InternalServerErrorException", "There was an unexpected internal server error.",
                null);
    }

    /** The answer to an injected fault or an empty rate bucket. */
    static MskApiError of(FaultSpec.Kind fault) {
        return switch (fault) {
            case THROTTLE -> new MskApiError(429, "TooManyRequestsException", "Too Many Requests", null);
            case SERVICE_UNAVAILABLE -> new MskApiError(503, "ServiceUnavailableException",
                    "The service is unavailable. Retry your request.", null);
            default -> internal();
        };
    }
}
