package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Answer of the list operation; {@code nextPageToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListPrivateLinkConnectionsResponse(
        List<PrivateLinkConnection> privateLinkConnections,
        String nextPageToken,
        long totalSize) {
}
