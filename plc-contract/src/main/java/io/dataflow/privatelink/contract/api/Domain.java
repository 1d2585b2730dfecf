package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The API's {@code Domain}: one attached name with its own state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Domain(String name, String state, String message) {
}
