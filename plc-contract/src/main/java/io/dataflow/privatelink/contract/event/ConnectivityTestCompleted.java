package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.api.ConnectivityTest;

/**
 * Payload of {@link EventTypes#CONNECTIVITY_TEST_COMPLETED}: the worker ran the test; {@code test} is the whole test
 * (what was asked, PASSED or FAILED, each check's verdict in the order run), so a reader that sees the completion
 * before the request (they travel on different topics) needs nothing else. {@code version} is the request's.
 */
public record ConnectivityTestCompleted(
        String connectionId,
        String clusterId,
        ConnectivityTest test,
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "test", test,
                "testId", test == null ? null : test.testId(), "state", test == null ? null : test.state(),
                "requestTime", test == null ? null : test.requestTime(), "completeTime", test == null ? null : test.completeTime()};
    }
}
