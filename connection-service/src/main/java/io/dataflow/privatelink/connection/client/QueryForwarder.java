package io.dataflow.privatelink.connection.client;

import io.dataflow.privatelink.connection.repository.CommandEventRepository;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.kit.api.ApiExceptionMappers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * Forwards queries to domain-service, which owns the read models, so that users keep one base URL for the
 * whole API. The cluster's latest command event goes along, and domain-service answers once it has
 * projected it: a query right after a command sees that command's effect. Status and body pass through.
 */
@ApplicationScoped
public class QueryForwarder {

    private static final Logger LOG = Logger.getLogger(QueryForwarder.class);

    private final QueryServiceClient client;
    private final CommandEventRepository commandEvents;

    QueryForwarder(@RestClient QueryServiceClient client, CommandEventRepository commandEvents) {
        this.client = client;
        this.commandEvents = commandEvents;
    }

    /** The query {@code call} makes, given the event id to wait for (null when the cluster has none). */
    public Uni<Response> forward(String clusterId, Function<String, Uni<Response>> call) {
        return Panache.withSession(() -> commandEvents.latest(clusterId))
                .chain(lastEvent -> call.apply(lastEvent.orElse(null)))
                .map(QueryForwarder::passThrough)
                .onFailure(e -> !(e instanceof io.dataflow.privatelink.kit.api.ApiException)
                        && isUnreachable(e))
                .recoverWithItem(e -> {
                    LOG.warnf("Query service unreachable: %s", e.toString());
                    return ApiExceptionMappers.respond(RpcCode.UNAVAILABLE,
                            "The query service is temporarily unavailable. Retry in a few seconds.");
                });
    }

    public QueryServiceClient client() {
        return client;
    }

    private static Response passThrough(Response upstream) {
        String body = upstream.hasEntity() ? upstream.readEntity(String.class) : null;
        return Response.status(upstream.getStatus()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** The client could not reach domain-service (refused, reset, timed out), as opposed to our own database. */
    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.ws.rs.ProcessingException || t instanceof java.net.ConnectException
                    || t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }
}
