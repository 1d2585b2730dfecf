package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.ConnectionHistory;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.projection.ReadModelRules;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewEntity;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository.PagePosition;
import io.dataflow.privatelink.domain.repository.HistoryRepository;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** Answers the read operations of the API from the read model. */
@ApplicationScoped
public class ConnectionQueries {

    private final ConnectionViewRepository views;
    private final AttachmentViewRepository attachments;
    private final HistoryRepository history;
    private final DomainServiceConfig config;
    private final PageTokens pageTokens;

    ConnectionQueries(ConnectionViewRepository views, AttachmentViewRepository attachments, HistoryRepository history,
                      DomainServiceConfig config, PageTokens pageTokens) {
        this.views = views;
        this.attachments = attachments;
        this.history = history;
        this.config = config;
        this.pageTokens = pageTokens;
    }

    @WithSession
    public Uni<PrivateLinkConnection> get(String clusterId, String connectionId) {
        return views.findLive(clusterId, connectionId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Private link connection " + connectionId
                        + " was not found in cluster " + clusterId + "."))
                .chain(view -> attachments.shownOf(connectionId).map(shown -> ReadModelRules.asGetShowsIt(view,
                        shown.stream().map(ReadModelRules::toApi).toList())));
    }

    @WithSession
    public Uni<ConnectionHistory> history(String clusterId, String connectionId) {
        return views.deletedFlag(clusterId, connectionId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Private link connection " + connectionId
                        + " was not found in cluster " + clusterId + " (histories of deleted connections are kept for "
                        + config.history().retention() + ")."))
                .chain(deleted -> history.timeline(connectionId)
                        .map(changes -> new ConnectionHistory(connectionId, deleted, changes)));
    }

    @WithSession
    public Uni<ListPrivateLinkConnectionsResponse> list(String clusterId, Integer pageSize, String pageToken,
                                                        String stateFilter) {
        int size = pageSize(pageSize);
        ConnectionState state = state(stateFilter);
        PagePosition after = pageToken == null || pageToken.isEmpty() ? null : pageTokens.decode(pageToken);
        // One more than the page: tells whether a next page exists without a second query.
        return views.page(clusterId, state, after, size + 1).chain(rows -> {
            boolean more = rows.size() > size;
            List<ConnectionViewEntity> page = more ? rows.subList(0, size) : rows;
            String next = null;
            if (more) {
                ConnectionViewEntity last = page.get(page.size() - 1);
                next = pageTokens.encode(new PagePosition(last.createTime, last.connectionId));
            }
            List<PrivateLinkConnection> connections = page.stream()
                    .map(row -> ReadModelRules.toSnapshot(row).toApi()).toList();
            String nextToken = next;
            return views.countLive(clusterId, state)
                    .map(total -> new ListPrivateLinkConnectionsResponse(connections, nextToken, total));
        });
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
