package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.CloudApiError;

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

    static AlicloudApiError invalidAction(String action) {
        return new AlicloudApiError(404, "InvalidAction.NotFound",
                "Specified api is not found, please check your url and method.");
    }

    static AlicloudApiError invalidVersion() {
        return badRequest("InvalidVersion", "Specified parameter Version is not valid.");
    }

    static AlicloudApiError accessKeyNotFound() {
        return new AlicloudApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }

    /** The message carries the server's string to sign, as Alibaba Cloud's gateway does. */
    static AlicloudApiError signatureDoesNotMatch(String stringToSign) {
        return badRequest("SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
    }

    static AlicloudApiError signatureNonceUsed() {
        return badRequest("SignatureNonceUsed", "Specified signature nonce was used already.");
    }

    static AlicloudApiError unsupportedSignatureMethod(String method) {
        return badRequest("InvalidParameter.SignatureMethod",
                "Specified signature method " + method + " is not supported.");
    }

    /** Alibaba Cloud throttles with HTTP 400 and a code starting with {@code Throttling}. */
    static AlicloudApiError throttlingUser() {
        return badRequest("Throttling.User", "Request was denied due to user flow control.");
    }

    static AlicloudApiError internalError() {
        return new AlicloudApiError(500, "InternalError",
                "The request processing has failed due to some unknown error, exception or failure.");
    }

    static AlicloudApiError serviceUnavailable() {
        return new AlicloudApiError(503, "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.");
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
