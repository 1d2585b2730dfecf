package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.api.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request body over {@code plc.api.max-body-bytes} before it is read, with the API's error
 * body (Vert.x's own limit, the backstop for bodies without Content-Length, answers 413 without one).
 */
@ApplicationScoped
public class BodySizeLimit {

    private final int maxBytes;

    BodySizeLimit(ConnectionServiceConfig config) {
        this.maxBytes = config.api().maxBodyBytes();
    }

    void routes(@Observes Router router) {
        router.route("/v1beta1/*").order(-100).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long bytes;
            try {
                bytes = length == null ? 0 : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                bytes = Long.MAX_VALUE;
            }
            if (bytes > maxBytes) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(EventJson.write(ApiError.of(RpcCode.INVALID_ARGUMENT, "The request body is " + bytes
                                + " bytes; this API accepts at most " + maxBytes + ".")));
                return;
            }
            ctx.next();
        });
    }
}
