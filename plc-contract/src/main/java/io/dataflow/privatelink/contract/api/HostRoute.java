package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.privatelink.contract.ConnectionState;

/**
 * Answer of the additive {@code :lookupHost} operation: which connection serves a hostname inside the
 * platform's network, through which attached domain, and whether both are usable now.
 *
 * @param domain      the attached name that matches, usually a wildcard
 * @param state       the connection's state
 * @param domainState the matching domain's own state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostRoute(
        String hostname,
        String domain,
        String clusterId,
        String privateLinkConnectionId,
        ConnectionState state,
        String attachDomainId,
        String domainState,
        String message) {
}
