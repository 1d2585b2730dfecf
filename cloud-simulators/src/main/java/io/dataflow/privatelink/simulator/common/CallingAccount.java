package io.dataflow.privatelink.simulator.common;

/** The account whose signed request is being served (the one behind its access key) and the region the request is for. */
public record CallingAccount(String accountId, String region) {
}
