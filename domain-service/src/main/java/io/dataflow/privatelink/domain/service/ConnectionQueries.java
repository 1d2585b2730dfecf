package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.ConnectionHistory;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository.PagePosition;
import io.dataflow.privatelink.kit.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** Answers the read operations of the API from the read model. */
@ApplicationScoped
public class ConnectionQueries {

    private final ConnectionViewRepository views;
    private final DomainServiceConfig config;
    private final AttachmentViewRepository attachments;

    private final PageTokens pageTokens;

    ConnectionQueries(ConnectionViewRepository views, AttachmentViewRepository attachments,
                      DomainServiceConfig config, PageTokens pageTokens) {
        this.pageTokens = pageTokens;
        this.views = views;
        this.attachments = attachments;
        this.config = config;
    }

    public PrivateLinkConnection get(String clusterId, String connectionId) {
        ConnectionSnapshot snapshot = views.find(clusterId, connectionId).orElseThrow(() -> ApiException.notFound(
                "Private link connection " + connectionId + " was not found in cluster " + clusterId + "."));
        return snapshot.toApi().withAttachedDomains(attachments.findByConnection(connectionId).stream()
                .map(DomainAttachment::toApi).toList());
    }

    public ConnectionHistory history(String clusterId, String connectionId) {
        boolean deleted = views.deletedFlag(clusterId, connectionId).orElseThrow(() -> ApiException.notFound(
                "Private link connection " + connectionId + " was not found in cluster " + clusterId
                        + " (histories of deleted connections are kept for " + config.history().retention() + ")."));
        return new ConnectionHistory(connectionId, deleted, views.history(connectionId));
    }

    public ListPrivateLinkConnectionsResponse list(String clusterId, Integer pageSize, String pageToken,
                                                   String stateFilter) {
        int size = pageSize(pageSize);
        ConnectionState state = state(stateFilter);
        PagePosition after = pageToken == null || pageToken.isEmpty() ? null : pageTokens.decode(pageToken);
        // One more than the page: tells whether a next page exists without a second query.
        List<ConnectionSnapshot> rows = views.page(clusterId, state, after, size + 1);
        boolean more = rows.size() > size;
        List<ConnectionSnapshot> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            ConnectionSnapshot last = page.get(page.size() - 1);
            next = pageTokens.encode(new PagePosition(last.createTime(), last.connectionId()));
        }
        List<PrivateLinkConnection> connections = page.stream().map(ConnectionSnapshot::toApi).toList();
        return new ListPrivateLinkConnectionsResponse(connections, next, views.count(clusterId, state));
    }

    private int pageSize(Integer requested) {
        if (requested == null || requested == 0) {
            return config.paging().defaultPageSize();
        }
        if (requested < 0 || requested > config.paging().maxPageSize()) {
            throw ApiException.invalidArgument("pageSize must be between 1 and " + config.paging().maxPageSize()
                    + " (default " + config.paging().defaultPageSize() + "); it was " + requested + ".");
        }
        return requested;
    }

    private static ConnectionState state(String filter) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        try {
            return ConnectionState.valueOf(filter);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidArgument("state '" + filter + "' is not a connection state; use one of "
                    + Arrays.toString(ConnectionState.values()) + ".");
        }
    }
}
