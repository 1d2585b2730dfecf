package io.dataflow.privatelink.kit.api;

import io.dataflow.privatelink.contract.api.RpcCode;

/** A refusal the caller can act on: carries the rpc code and a message that says how to fix it. */
public class ApiException extends RuntimeException {

    private final RpcCode code;

    public ApiException(RpcCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public RpcCode code() {
        return code;
    }

    public static ApiException invalidArgument(String message) {
        return new ApiException(RpcCode.INVALID_ARGUMENT, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(RpcCode.NOT_FOUND, message);
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(RpcCode.UNAUTHENTICATED, message);
    }

    public static ApiException permissionDenied(String message) {
        return new ApiException(RpcCode.PERMISSION_DENIED, message);
    }

    public static ApiException alreadyExists(String message) {
        return new ApiException(RpcCode.ALREADY_EXISTS, message);
    }

    public static ApiException failedPrecondition(String message) {
        return new ApiException(RpcCode.FAILED_PRECONDITION, message);
    }
}
