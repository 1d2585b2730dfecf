package io.dataflow.privatelink.kit.api;

import io.dataflow.privatelink.contract.api.RpcCode;

import java.util.List;
import java.util.Map;

/** The API's error body, as in the contract's {@code Status}: {@code {"code", "message", "details"}}. */
public record ApiError(int code, String message, List<Map<String, Object>> details) {

    public static ApiError of(RpcCode code, String message) {
        return new ApiError(code.code(), message, List.of());
    }
}
