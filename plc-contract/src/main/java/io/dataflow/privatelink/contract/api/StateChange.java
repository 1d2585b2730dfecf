package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

import java.time.Instant;

/** One entry of a connection's history (additive API): the state it entered, when, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StateChange(ConnectionState state, String message, Instant changeTime,
                          /* additive: why, when the state is FAILED */
                          FailureReason failureReason,
                          /* additive: set on the entry of a finished connectivity test (the state is unchanged) */
                          String connectivityTestId) {

    /** An entry that is not a failure. */
    public StateChange(ConnectionState state, String message, Instant changeTime) {
        this(state, message, changeTime, null, null);
    }

    /** A state entry, failed or not. */
    public StateChange(ConnectionState state, String message, Instant changeTime, FailureReason failureReason) {
        this(state, message, changeTime, failureReason, null);
    }
}
