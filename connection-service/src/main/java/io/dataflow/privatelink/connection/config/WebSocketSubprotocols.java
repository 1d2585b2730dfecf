package io.dataflow.privatelink.connection.config;

import io.dataflow.privatelink.connection.rest.StreamSubprotocols;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the HTTP server answer a browser's status-stream handshake with {@value StreamSubprotocols#PROTOCOL}:
 * a browser that offered subprotocols refuses a handshake whose answer selects none of them.
 */
@ApplicationScoped
public class WebSocketSubprotocols implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(with(options.getWebSocketSubProtocols()));
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(with(options.getWebSocketSubProtocols()));
    }

    private static List<String> with(List<String> existing) {
        List<String> protocols = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        if (!protocols.contains(StreamSubprotocols.PROTOCOL)) {
            protocols.add(StreamSubprotocols.PROTOCOL);
        }
        return protocols;
    }
}
