package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

import java.time.Instant;

/** One entry of a connection's history (additive API): the state it entered, when, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StateChange(ConnectionState state, String message, Instant changeTime,
                          /* additive: why, when the state is FAILED */
                          FailureReason failureReason) {

    /** An entry that is not a failure. */
    public StateChange(ConnectionState state, String message, Instant changeTime) {
        this(state, message, changeTime, null);
    }
}
