package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.privatelink.contract.ConnectionState;

import java.time.Instant;

/** One entry of a connection's history (additive API): the state it entered, when, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StateChange(ConnectionState state, String message, Instant changeTime) {
}
