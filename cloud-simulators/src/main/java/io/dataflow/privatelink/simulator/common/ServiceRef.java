package io.dataflow.privatelink.simulator.common;

/** An endpoint service created through a simulator's Java API, as a consumer finds it. */
public record ServiceRef(String serviceId, String serviceName) {
}
