package io.dataflow.privatelink.cli;

import com.sun.net.httpserver.HttpServer;
import io.dataflow.privatelink.cli.api.ApiErrorReply;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.config.ApiTarget;
import io.dataflow.privatelink.contract.api.RpcCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlcApiTest {

    private HttpServer server;

    private PlcApi api(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return new PlcApi(new ApiTarget(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Optional.of("t0ken"), "test"), null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCreateWhoseConnectionBrokeIsSentAgainWithTheSameIdempotencyKey() throws Exception {
        List<String> keys = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        PlcApi api = api(exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            if (calls.incrementAndGet() == 1) {
                exchange.close(); // the connection breaks before any answer
                return;
            }
            byte[] body = "{\"displayName\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Map<?, ?> result = api.call("POST", "/v1beta1/clusters/1/privateLinkConnections", Map.of("a", 1),
                Map.of("Idempotency-Key", "key-1"), Map.class, true);
        assertEquals("x", result.get("displayName"));
        assertEquals(List.of("key-1", "key-1"), keys);
    }

    @Test
    void a503IsRetriedAsItsRetryAfterSaysAndTheErrorBodyBecomesTheMessageAndExitCode() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PlcApi api = api(exchange -> {
            int n = calls.incrementAndGet();
            String body = n == 1 ? "{\"code\":14,\"message\":\"temporarily unavailable\"}"
                    : "{\"code\":16,\"message\":\"the bearer token is not valid\"}";
            exchange.getResponseHeaders().add("Retry-After", "0");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(n == 1 ? 503 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        ApiErrorReply error = assertThrows(ApiErrorReply.class, () -> api.get("/v1beta1/clusters/1/privateLinkConnections", Map.class));
        assertEquals(2, calls.get(), "the 503 was retried");
        assertEquals(RpcCode.UNAUTHENTICATED.code(), error.code());
        assertEquals(ExitCodes.NOT_ALLOWED, error.exitCode());
        assertEquals(ExitCodes.ERROR, new ApiErrorReply(404, RpcCode.NOT_FOUND.code(), "no such connection").exitCode());
        assertEquals(ExitCodes.NOT_ALLOWED, new ApiErrorReply(403, RpcCode.PERMISSION_DENIED.code(), "viewer").exitCode());
    }

    @Test
    void aWriteWithoutAnIdempotencyKeyIsNotSentTwice() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PlcApi api = api(exchange -> {
            calls.incrementAndGet();
            exchange.close();
        });
        assertThrows(CliFailure.class, () -> api.call("DELETE", "/v1beta1/clusters/1/privateLinkConnections/p", null,
                Map.of(), Void.class, false));
        assertEquals(1, calls.get());
    }
}
