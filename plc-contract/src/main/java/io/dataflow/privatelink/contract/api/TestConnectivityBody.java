package io.dataflow.privatelink.contract.api;

import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;

import java.util.List;

/**
 * The body of {@code :testConnectivity} (additive): every field optional. Without {@code targets}, the attached
 * domains' names are tried on {@code port}; {@code kafka} adds a metadata request through the connection.
 */
public record TestConnectivityBody(List<ConnectivityTarget> targets, Integer port, Boolean kafka) {
}
