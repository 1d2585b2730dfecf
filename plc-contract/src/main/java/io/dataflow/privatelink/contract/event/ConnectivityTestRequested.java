package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestState;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@link EventTypes#CONNECTIVITY_TEST_REQUESTED}: the worker of the connection's cloud runs the test from
 * the platform's network. {@code targets} are the caller's, already checked (empty: the attached domains on
 * {@code port}); {@code version} is the connection's command count when asked (a test changes no state).
 */
public record ConnectivityTestRequested(
        String connectionId,
        String clusterId,
        ConnectionType type,
        String testId,
        List<ConnectivityTarget> targets,
        Integer port,
        boolean kafka,
        String requestedBy,
        Instant requestTime,
        long version) implements EventPayload {

    public ConnectivityTestRequested {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "type", type, "testId", testId,
                "requestTime", requestTime};
    }

    /** The test as the API shows it while it runs. */
    public ConnectivityTest running() {
        return new ConnectivityTest(testId, ConnectivityTestState.RUNNING, targets, port, kafka, requestedBy,
                requestTime, null, null);
    }
}
