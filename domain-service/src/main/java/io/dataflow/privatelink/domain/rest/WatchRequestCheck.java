package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.domain.service.StatusSubscriptions;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ApiExceptionMappers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection's status stream is refused with the API's error body when the connection does not exist,
 * before the stream opens (once open, an event stream has no status to fail with).
 */
@ApplicationScoped
public class WatchRequestCheck {

    private static final Pattern CONNECTION_WATCH =
            Pattern.compile("/v1beta1/clusters/([^/]+)/privateLinkConnections/([^/:]+):watch");

    private final StatusSubscriptions subscriptions;

    WatchRequestCheck(StatusSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @ServerRequestFilter
    public Uni<Response> requireConnection(ContainerRequestContext request) {
        Matcher watch = CONNECTION_WATCH.matcher(request.getUriInfo().getPath());
        if (!watch.matches()) {
            return Uni.createFrom().nullItem();
        }
        return subscriptions.requireConnection(watch.group(1), watch.group(2)).replaceWith((Response) null)
                .onFailure(ApiException.class).recoverWithItem(e -> ApiExceptionMappers.respond(
                        ((ApiException) e).code(), e.getMessage()));
    }
}
