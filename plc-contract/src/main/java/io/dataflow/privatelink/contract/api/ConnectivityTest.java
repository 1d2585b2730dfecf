package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestState;

import java.time.Instant;
import java.util.List;

/**
 * A connection's connectivity test (additive): what was asked, and once the worker of its cloud has run it,
 * each check's verdict. {@code :testConnectivity} answers it RUNNING; {@code get} shows the connection's last one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectivityTest(
        String testId,
        ConnectivityTestState state,
        List<ConnectivityTarget> targets,
        Integer port,
        Boolean kafka,
        String requestedBy,
        Instant requestTime,
        Instant completeTime,
        List<ConnectivityCheck> checks) {

    public ConnectivityTest {
        targets = targets == null ? null : List.copyOf(targets);
        checks = checks == null ? null : List.copyOf(checks);
    }

    /** The same test, done: its checks' verdicts. */
    public ConnectivityTest completed(List<ConnectivityCheck> results, Instant at) {
        return new ConnectivityTest(testId, ConnectivityTestState.of(results), targets, port, kafka, requestedBy,
                requestTime, at, results);
    }
}
