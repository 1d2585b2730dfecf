package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.ClusterRepository;
import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.dataflow.privatelink.kit.api.ApiExceptionMappers;
import io.dataflow.privatelink.kit.api.RpcCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Forwards queries to domain-service, which owns the read models, so that users keep one base URL
 * for the whole API. Status and body pass through unchanged.
 */
@ApplicationScoped
public class QueryForwarder {

    private static final Logger LOG = Logger.getLogger(QueryForwarder.class);

    private final ConnectionServiceConfig config;
    private final HttpClient client;

    private final ClusterRepository clusters;

    QueryForwarder(ConnectionServiceConfig config, ClusterRepository clusters) {
        this.clusters = clusters;
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.queryService().timeout()).build();
    }

    /**
     * Forwards the query. {@code clusterId}'s latest command event goes along, and domain-service
     * answers once it has projected it: a query right after a command sees that command's effect.
     */
    public Response forward(UriInfo uri, String clusterId) {
        URI base = config.queryService().url();
        String query = uri.getRequestUri().getRawQuery();
        URI target = base.resolve(uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).GET()
                .timeout(config.queryService().timeout())
                .header("Accept", MediaType.APPLICATION_JSON);
        clusters.lastEventId(clusterId).ifPresent(id -> builder.header(ReadYourWrites.MIN_EVENT_HEADER, id));
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return Response.status(response.statusCode()).type(MediaType.APPLICATION_JSON)
                    .entity(response.body()).build();
        } catch (IOException e) {
            LOG.warnf("Query service at %s unreachable: %s", base, e.toString());
            return ApiExceptionMappers.respond(RpcCode.UNAVAILABLE,
                    "The query service is temporarily unavailable. Retry in a few seconds.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiExceptionMappers.respond(RpcCode.UNAVAILABLE, "The request was interrupted. Retry it.");
        }
    }
}
