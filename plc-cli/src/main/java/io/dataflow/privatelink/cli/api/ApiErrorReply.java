package io.dataflow.privatelink.cli.api;

import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.contract.api.RpcCode;

/** The API answered with an error: its HTTP status and the error body's {@code code} and {@code message}. */
public class ApiErrorReply extends CliFailure {

    private final int httpStatus;
    private final int code;
    private final String apiMessage;

    public ApiErrorReply(int httpStatus, int code, String apiMessage) {
        super(is(code, RpcCode.UNAUTHENTICATED) || is(code, RpcCode.PERMISSION_DENIED) ? ExitCodes.NOT_ALLOWED : ExitCodes.ERROR,
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

    /** Whether the reply carries this google.rpc code. */
    public boolean is(RpcCode expected) {
        return is(code, expected);
    }

    private static boolean is(int code, RpcCode expected) {
        return code == expected.code();
    }

    public String apiMessage() {
        return apiMessage;
    }

    private static String describe(int httpStatus, int code, String message) {
        return codeName(code) + " (code " + code + ", HTTP " + httpStatus + "): " + message
                + (is(code, RpcCode.UNAUTHENTICATED) ? " (set PLC_TOKEN or the profile's token: plc config set <profile> --token-stdin)" : "");
    }

    static String codeName(int code) {
        return RpcCode.of(code).map(Enum::name).orElse("UNKNOWN");
    }
}
