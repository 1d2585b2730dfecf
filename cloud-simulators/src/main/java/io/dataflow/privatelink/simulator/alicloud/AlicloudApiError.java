package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.CloudApiError;
import io.dataflow.privatelink.simulator.common.FaultSpec;

/**
 * An Alibaba Cloud API error as the wire shows it: HTTP status, {@code Code} and {@code Message}. Thrown
 * anywhere in request handling and rendered as
 * {@code {"RequestId","HostId","Code","Message","Recommend"}} by the HTTP handler. The SDK turns a status
 * of 500 or more into a {@code ServerException}, anything else into a {@code ClientException}, both with
 * {@code getErrCode()} = {@code Code}.
 */
final class AlicloudApiError extends CloudApiError {

    AlicloudApiError(int httpStatus, String code, String message) {
        super(httpStatus, code, message);
    }

    static AlicloudApiError badRequest(String code, String message) {
        return new AlicloudApiError(400, code, message);
    }

    // ---- the API gateway's common errors ----

    /** How the gateway words a missing required parameter: {@code MissingEndpointId}. */
    static AlicloudApiError missingParameter(String name) {
        return badRequest("Missing" + name, name + " is mandatory for this action.");
    }

    static AlicloudApiError invalidParameter(String name, String value) {
        return badRequest("InvalidParameter", "The specified parameter " + name + " is not valid: " + value);
    }

    /** The answer to an injected fault or an empty rate bucket; Alibaba Cloud throttles with HTTP 400. */
    static AlicloudApiError of(FaultSpec.Kind fault) {
        return switch (fault) {
            case THROTTLE -> badRequest("Throttling.User", "Request was denied due to user flow control.");
            case SERVICE_UNAVAILABLE -> new AlicloudApiError(503, "ServiceUnavailable",
                    "The request has failed due to a temporary failure of the server.");
            default -> internalError();
        };
    }

    static AlicloudApiError internalError() {
        return new AlicloudApiError(500, "InternalError",
                "The request processing has failed due to some unknown error, exception or failure.");
    }

    static AlicloudApiError dryRun() {
        return badRequest("DryRunOperation", "Request validation has been passed with DryRun flag set.");
    }

    static AlicloudApiError idempotenceMismatch() {
        return badRequest("IdempotenceParamNotMatch",
                "Request uses a client token in a previous request but is not identical to that request.");
    }

    // ---- PrivateLink's own ----

    static AlicloudApiError endpointNotFound(String endpointId) {
        return badRequest("EndpointNotFound", "The specified endpoint " + endpointId + " is not found.");
    }

    static AlicloudApiError serviceNotFound(String serviceIdOrName) {
        return badRequest("EndpointServiceNotFound",
                "The specified endpoint service " + serviceIdOrName + " is not found.");
    }

    static AlicloudApiError connectionOperationDenied(String endpointId, String status) {
        return badRequest("EndpointConnectionOperationDenied",
                "The operation is not allowed because the connection of endpoint " + endpointId + " is " + status + ".");
    }
}
