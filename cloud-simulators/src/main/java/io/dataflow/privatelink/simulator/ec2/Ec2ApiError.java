package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.CloudApiError;
import io.dataflow.privatelink.simulator.common.FaultSpec;

/**
 * An EC2 API error as the wire shows it: code, message and HTTP status. Thrown anywhere in request
 * handling and rendered as {@code <Response><Errors><Error>…} by the HTTP handler.
 */
final class Ec2ApiError extends CloudApiError {

    Ec2ApiError(int httpStatus, String code, String message) {
        super(httpStatus, code, message);
    }

    static Ec2ApiError badRequest(String code, String message) {
        return new Ec2ApiError(400, code, message);
    }

    static Ec2ApiError missingParameter(String name) {
        return badRequest("MissingParameter", "The request must contain the parameter " + name);
    }

    static Ec2ApiError invalidParameterValue(String message) {
        return badRequest("InvalidParameterValue", message);
    }

    static Ec2ApiError invalidParameter(String message) {
        return badRequest("InvalidParameter", message);
    }

    /**
     * The answer to an injected fault or an empty rate bucket. EC2 throttles with 503 + RequestLimitExceeded
     * (not 400 Throttling like most query services).
     */
    static Ec2ApiError of(FaultSpec.Kind fault) {
        return switch (fault) {
            case THROTTLE -> new Ec2ApiError(503, "RequestLimitExceeded", "Request limit exceeded.");
            case SERVICE_UNAVAILABLE -> new Ec2ApiError(503, "Unavailable",
                    "The server is overloaded and can't handle the request.");
            default -> internalError();
        };
    }

    static Ec2ApiError internalError() {
        return new Ec2ApiError(500, "InternalError", "An internal error has occurred");
    }

    static Ec2ApiError dryRun() {
        return new Ec2ApiError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }

    static Ec2ApiError idempotentParameterMismatch() {
        return badRequest("IdempotentParameterMismatch", "The client token you have provided is associated with a "
                + "resource that is already created with different parameters.");
    }

    static Ec2ApiError serviceNotFound(String serviceName) {
        return badRequest("InvalidServiceName", "The Vpc Endpoint Service '" + serviceName + "' does not exist");
    }

    static Ec2ApiError serviceIdNotFound(String serviceId) {
        return badRequest("InvalidVpcEndpointServiceId.NotFound",
                "The Vpc Endpoint Service Id '" + serviceId + "' does not exist");
    }

    static Ec2ApiError endpointIdsNotFound(String ids) {
        return badRequest("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '" + ids + "' does not exist");
    }
}
