package io.dataflow.privatelink.cli.api;

import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;

/** The API answered with an error: its HTTP status and the error body's {@code code} and {@code message}. */
public class ApiError extends CliFailure {

    /** google.rpc codes the CLI treats specially. */
    public static final int NOT_FOUND = 5;
    public static final int PERMISSION_DENIED = 7;
    public static final int UNAVAILABLE = 14;
    public static final int UNAUTHENTICATED = 16;

    private final int httpStatus;
    private final int code;
    private final String apiMessage;

    public ApiError(int httpStatus, int code, String apiMessage) {
        super(code == UNAUTHENTICATED || code == PERMISSION_DENIED ? ExitCodes.NOT_ALLOWED : ExitCodes.ERROR,
                describe(httpStatus, code, apiMessage));
        this.httpStatus = httpStatus;
        this.code = code;
        this.apiMessage = apiMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    public String apiMessage() {
        return apiMessage;
    }

    private static String describe(int httpStatus, int code, String message) {
        return codeName(code) + " (code " + code + ", HTTP " + httpStatus + "): " + message
                + (code == UNAUTHENTICATED ? " (set PLC_TOKEN or the profile's token: plc config set <profile> --token-stdin)" : "");
    }

    static String codeName(int code) {
        return switch (code) {
            case 0 -> "OK";
            case 1 -> "CANCELLED";
            case 3 -> "INVALID_ARGUMENT";
            case 4 -> "DEADLINE_EXCEEDED";
            case 5 -> "NOT_FOUND";
            case 6 -> "ALREADY_EXISTS";
            case 7 -> "PERMISSION_DENIED";
            case 8 -> "RESOURCE_EXHAUSTED";
            case 9 -> "FAILED_PRECONDITION";
            case 10 -> "ABORTED";
            case 12 -> "UNIMPLEMENTED";
            case 13 -> "INTERNAL";
            case 14 -> "UNAVAILABLE";
            case 16 -> "UNAUTHENTICATED";
            default -> "UNKNOWN";
        };
    }
}
