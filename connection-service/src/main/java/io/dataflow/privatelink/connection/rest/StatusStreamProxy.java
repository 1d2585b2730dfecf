package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.CommandEventRepository;
import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.api.ApiError;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.dataflow.privatelink.kit.db.SafeContexts;
import io.dataflow.privatelink.security.BearerTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Optional;

/**
 * Passes status subscriptions ({@code …:watch}, Server-Sent Events, and the WebSocket for browsers)
 * through to domain-service without holding a thread per subscriber: the upstream response is piped to the caller on the event loop,
 * and the upstream request is reset when the caller goes away. Users keep one base URL.
 */
@ApplicationScoped
public class StatusStreamProxy {

    private static final Logger LOG = Logger.getLogger(StatusStreamProxy.class);
    static final String WEBSOCKET_PATH = "/v1beta1/ws/clusters/:clusterId/privateLinkConnections";
    static final String WATCH_PATHS = "/v1beta1/clusters/([^/]+)/privateLinkConnections(/[^/:]+)?:watch";
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String TOKEN_IN_URL = "access_token";

    private final CommandEventRepository commandEvents;
    private final ConnectionServiceConfig config;
    private final BearerTokens tokens;
    private final AccessControl access;
    /** Streams being relayed, each with what ends it: ended at shutdown so that none holds the process up. */
    private final java.util.Set<Runnable> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    StatusStreamProxy(CommandEventRepository commandEvents, ConnectionServiceConfig config, BearerTokens tokens,
                      AccessControl access) {
        this.commandEvents = commandEvents;
        this.config = config;
        this.tokens = tokens;
        this.access = access;
    }

    /**
     * A graceful shutdown begins: every relayed stream ends now, cleanly (an SSE stream's end, a WebSocket's
     * "going away"), and its subscriber reconnects with the id it last received to an instance that stays, rather
     * than holding this one up until the shutdown timeout cuts it.
     */
    void endStreams(@Observes ShutdownDelayInitiatedEvent shutdownBegins) {
        endAll();
    }

    void endStreamsNow(@Observes ShutdownEvent shutdown) {
        endAll();
    }

    private void endAll() {
        stopping = true;
        if (!open.isEmpty()) {
            LOG.infof("Shutting down: ending %d status streams; their subscribers resume elsewhere", open.size());
        }
        open.forEach(Runnable::run);
        open.clear();
    }

    void routes(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(10_000)
                .setIdleTimeout(0).setKeepAlive(true));
        router.route(WEBSOCKET_PATH).order(-10).handler(ctx -> withCluster(ctx, ctx.pathParam("clusterId"),
                lastEvent -> proxyWebSocket(ctx, client, authorization(ctx))));
        router.getWithRegex(WATCH_PATHS).order(-10).handler(ctx -> withCluster(ctx, ctx.pathParam("param0"),
                lastEvent -> proxy(ctx, client, lastEvent, authorization(ctx))));
    }

    /**
     * The caller's credentials: the Authorization header, or, for a browser's WebSocket (which cannot set
     * headers), the token offered as a subprotocol ({@link StreamSubprotocols}).
     */
    private static String authorization(RoutingContext ctx) {
        return Optional.ofNullable(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
                .orElseGet(() -> StreamSubprotocols.bearerToken(ctx.request().getHeader(StreamSubprotocols.HEADER))
                        .map(token -> "Bearer " + token).orElse(null));
    }

    /** Checks the token and the cluster (a reactive database read), then continues with its latest command event. */
    private void withCluster(RoutingContext ctx, String clusterId, java.util.function.Consumer<String> then) {
        if (stopping) {
            // a subscriber reconnecting during the shutdown delay goes to an instance that stays
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            error(ctx, RpcCode.UNAVAILABLE, "This instance is shutting down. Reconnect.");
            return;
        }
        if (ctx.request().getParam(TOKEN_IN_URL) != null) {
            // refused rather than passed on: the URL, token and all, is already in every access log on the way
            error(ctx, RpcCode.UNAUTHENTICATED, "A token in the URL is not accepted (URLs are written to access "
                    + "logs): send 'Authorization: Bearer <token>', or from a browser's WebSocket offer the subprotocols '"
                    + StreamSubprotocols.PROTOCOL + "' and '" + StreamSubprotocols.BEARER_PREFIX + "<token>'.");
            return;
        }
        SafeContexts.onNewContext(() -> tokens.verifyHeader(authorization(ctx))
                        .chain(verified -> access.require(verified.caller(), clusterId, Role.VIEWER))
                        .chain(cluster -> Panache.withSession(() -> commandEvents.latest(clusterId)))
                        .map(last -> last.orElse("")))
                .subscribe().with(then, failure -> {
                    if (failure instanceof ApiException refused) {
                        error(ctx, refused.code(), refused.getMessage());
                    } else {
                        LOG.warnf("Cannot check a status subscription: %s", failure.toString());
                        error(ctx, RpcCode.UNAVAILABLE, "The cluster registry is temporarily unavailable. Retry.");
                    }
                });
    }

    /** The browser's WebSocket, joined message for message to one opened to domain-service. */
    private void proxyWebSocket(RoutingContext ctx, HttpClient client, String authorization) {
        URI upstream = config.queryService().url();
        // domain-service verifies the caller again: the token goes in a header, never in the URL (URLs end
        // up in access logs).
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(upstream.getHost())
                .setPort(port(upstream)).setSsl("https".equalsIgnoreCase(upstream.getScheme()))
                .setURI(ctx.request().uri()).addHeader(HttpHeaders.AUTHORIZATION, authorization);
        client.webSocket(options).onFailure(e -> {
            LOG.warnf("Query service unreachable for a WebSocket: %s", e.toString());
            error(ctx, RpcCode.UNAVAILABLE, "The query service is temporarily unavailable. Retry in a few seconds.");
        }).onSuccess(up -> ctx.request().toWebSocket().onFailure(e -> up.close()).onSuccess(down -> {
            up.textMessageHandler(down::writeTextMessage);
            down.textMessageHandler(up::writeTextMessage);
            Runnable end = () -> {
                down.close((short) 1001, "going away: reconnect");
                up.close();
            };
            open.add(end);
            up.closeHandler(v -> down.close());
            down.closeHandler(v -> {
                open.remove(end);
                up.close();
            });
        }));
    }

    private void proxy(RoutingContext ctx, HttpClient client, String lastEventOfCluster, String authorization) {
        URI upstream = config.queryService().url();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.getHost())
                .setPort(port(upstream)).setSsl("https".equalsIgnoreCase(upstream.getScheme()))
                .setURI(ctx.request().uri());
        client.request(options).compose(request -> {
            request.putHeader(HttpHeaders.ACCEPT, "text/event-stream");
            request.putHeader(HttpHeaders.AUTHORIZATION, authorization);
            String lastEventId = ctx.request().getHeader(LAST_EVENT_ID);
            if (lastEventId != null) {
                request.putHeader(LAST_EVENT_ID, lastEventId);
            }
            if (!lastEventOfCluster.isEmpty()) {
                request.putHeader(ReadYourWrites.MIN_EVENT_HEADER, lastEventOfCluster);
            }
            ctx.request().connection().closeHandler(closed -> request.reset());
            return request.send();
        }).onSuccess(response -> relay(ctx, response)).onFailure(e -> {
            LOG.warnf("Query service unreachable for a status stream: %s", e.toString());
            error(ctx, RpcCode.UNAVAILABLE, "The query service is temporarily unavailable. Retry in a few seconds.");
        });
    }

    /** The URL's port, or its scheme's default ({@code http://domain-service} means port 80). */
    static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private void relay(RoutingContext ctx, HttpClientResponse response) {
        ctx.response().setStatusCode(response.statusCode());
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type);
        }
        ctx.response().setChunked(true);
        Runnable end = () -> {
            try {
                if (!ctx.response().ended()) {
                    ctx.response().end();
                }
            } catch (IllegalStateException alreadyEnded) {
                // the stream ended by itself meanwhile
            }
            response.request().reset();
        };
        open.add(end);
        ctx.response().closeHandler(closed -> open.remove(end));
        ctx.response().endHandler(ended -> open.remove(end));
        response.pipeTo(ctx.response());
    }

    private static void error(RoutingContext ctx, RpcCode code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(code.httpStatus()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(EventJson.write(ApiError.of(code, message)));
    }
}
