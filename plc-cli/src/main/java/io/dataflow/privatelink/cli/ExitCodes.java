package io.dataflow.privatelink.cli;

/** What {@code plc} exits with; scripts rely on these. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The request failed (the API's code and message on stderr), or the API could not be reached. */
    public static final int ERROR = 1;
    /** A bad flag or value, or a required flag missing where nothing can be asked; no request was sent. */
    public static final int USAGE = 2;
    /** {@code --wait} or {@code wait} reached {@code --timeout} before a final state. */
    public static final int TIMED_OUT = 3;
    /** No valid token, or the token may not do this (UNAUTHENTICATED, PERMISSION_DENIED). */
    public static final int NOT_ALLOWED = 4;
    /** The connection or a domain ended FAILED. */
    public static final int FAILED = 5;
    /** A connectivity test ran ({@code test-connectivity}) and a check failed: the checks show which and why. */
    public static final int CHECK_FAILED = 6;

    private ExitCodes() {
    }
}
