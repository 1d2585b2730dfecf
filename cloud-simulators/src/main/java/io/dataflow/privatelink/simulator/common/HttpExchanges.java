package io.dataflow.privatelink.simulator.common;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading form-style requests and writing responses on the JDK HttpServer. */
public final class HttpExchanges {

    private HttpExchanges() {
    }

    /**
     * The decoded parameters of the query string and of a form body, body last (so it wins on a clash).
     * On an I/O failure the exchange is closed: the client went away and there is nobody to answer.
     */
    public static Map<String, String> readParams(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        FlatParams.parseForm(exchange.getRequestURI().getRawQuery(), params);
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            FlatParams.parseForm(new String(body, StandardCharsets.UTF_8), params);
        } catch (IOException e) {
            exchange.close();
            throw e;
        }
        return params;
    }

    /** The decoded parameters of the query string only. */
    public static Map<String, String> queryParams(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        FlatParams.parseForm(exchange.getRequestURI().getRawQuery(), params);
        return params;
    }

    /** Sends a complete response and closes the exchange. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body,
                            Map<String, String> headers) throws IOException {
        if (exchange.getAttribute(SimulatorHttpServer.BEFORE_RESPONSE) instanceof Runnable beforeResponse) {
            beforeResponse.run();
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
