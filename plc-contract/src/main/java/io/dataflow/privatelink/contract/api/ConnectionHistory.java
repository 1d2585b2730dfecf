package io.dataflow.privatelink.contract.api;

import java.util.List;

/**
 * Answer of the additive {@code GET …/privateLinkConnections/{id}/history}: every state the connection
 * went through, oldest first. Kept after the connection is deleted, for the documented retention.
 */
public record ConnectionHistory(String privateLinkConnectionId, boolean deleted, List<StateChange> stateChanges) {
}
