package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.connectivity.CheckStatus;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestState;

import java.util.List;
import java.util.Objects;

/** What the history says of a finished connectivity test: passed with how many checks, or the first failure. */
public final class ConnectivityTestHistory {

    private ConnectivityTestHistory() {
    }

    /**
     * {@code Connectivity test <id> passed (<n> checks)}, or {@code Connectivity test <id> failed: <CHECK> <target>:
     * <observed>} of the first failed check (the target empty when the check is about none).
     */
    public static String message(ConnectivityTest test) {
        List<ConnectivityCheck> checks = test.checks() == null ? List.of() : test.checks();
        String prefix = "Connectivity test " + test.testId();
        if (test.state() != ConnectivityTestState.FAILED) {
            return prefix + " passed (" + checks.size() + " checks)";
        }
        return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).findFirst()
                .map(c -> prefix + " failed: " + c.check() + " " + Objects.toString(c.target(), "") + ": "
                        + Objects.toString(c.observed(), ""))
                // FAILED without a failed check breaks the contract's own rule; say it failed all the same
                .orElse(prefix + " failed (" + checks.size() + " checks)");
    }
}
