package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.HostRoute;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.domain.repository.DomainRouteRepository;
import io.dataflow.privatelink.domain.repository.DomainRouteRepository.RouteView;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host routing table for dataflow services: which connection serves a hostname. Matching follows
 * DNS: an exact name first, otherwise the wildcard of the closest enclosing name
 * ({@code b1.use1-az1.x.aws.plc.tidbcloud.com} → {@code *.use1-az1.x.aws.plc.tidbcloud.com} before
 * {@code *.x.aws.plc.tidbcloud.com}).
 */
@ApplicationScoped
public class HostRoutes {

    static final int MAX_HOSTNAME = 253;
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final DomainRouteRepository routes;
    private final ConnectionViewRepository connections;
    private final AttachmentViewRepository attachments;

    HostRoutes(DomainRouteRepository routes, ConnectionViewRepository connections,
               AttachmentViewRepository attachments) {
        this.routes = routes;
        this.connections = connections;
        this.attachments = attachments;
    }

    /**
     * The connection serving the host. A name can have two routes for a moment (re-attached elsewhere
     * before the old attachment is gone): the most specific name wins, then the latest attachment.
     */
    @WithSession
    public Uni<HostRoute> lookup(String clusterId, String hostname) {
        String host = validHostname(hostname);
        return routes.routes(clusterId, candidates(host)).chain(found -> {
            RouteView route = found.stream()
                    .max(Comparator.comparingInt((RouteView r) -> r.name().length())
                            .thenComparing(RouteView::createTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(RouteView::attachDomainId))
                    .orElseThrow(() -> ApiException.notFound("No private link connection of cluster " + clusterId
                            + " serves " + host + ": no attached domain matches it."));
            return connections.findLive(clusterId, route.connectionId())
                    .onItem().ifNull().failWith(() -> ApiException.notFound("No private link connection of cluster "
                            + clusterId + " serves " + host + ": its connection is gone."))
                    .chain(connection -> attachments.findById(route.attachDomainId()).map(attachment -> {
                        Domain domain = (attachment == null || attachment.domains == null ? List.<Domain>of()
                                : attachment.domains).stream()
                                .filter(d -> d.name().equals(route.name()))
                                .findFirst().orElse(new Domain(route.name(), null, null));
                        return new HostRoute(host, route.name(), clusterId, connection.connectionId, connection.state,
                                route.attachDomainId(), domain.state(),
                                domain.message() != null ? domain.message() : connection.message);
                    }));
        });
    }

    /** The host itself, then the wildcard of each enclosing name, most specific first. */
    static List<String> candidates(String host) {
        List<String> names = new ArrayList<>();
        names.add(host);
        String rest = host;
        int dot;
        while ((dot = rest.indexOf('.')) > 0) {
            rest = rest.substring(dot + 1);
            names.add("*." + rest);
        }
        return names;
    }

    private static String validHostname(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            throw ApiException.invalidArgument("hostname is required, e.g. "
                    + "hostname=b1.use1-az1.<unique>.aws.plc.tidbcloud.com.");
        }
        String host = hostname.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.length() > MAX_HOSTNAME || !HOSTNAME.matcher(host).matches()) {
            throw ApiException.invalidArgument("hostname '" + hostname + "' is not a DNS name: dot-separated labels "
                    + "of letters, digits and hyphens, each at most 63 characters, at most " + MAX_HOSTNAME
                    + " in all.");
        }
        return host;
    }
}
