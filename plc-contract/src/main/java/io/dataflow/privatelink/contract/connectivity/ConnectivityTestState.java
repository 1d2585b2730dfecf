package io.dataflow.privatelink.contract.connectivity;

/** Where a connectivity test stands: running, or done with every check passed (or skipped), or one failed. */
public enum ConnectivityTestState {
    RUNNING,
    PASSED,
    FAILED;

    /** PASSED when no check failed. */
    public static ConnectivityTestState of(java.util.List<ConnectivityCheck> checks) {
        return checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL) ? FAILED : PASSED;
    }
}
