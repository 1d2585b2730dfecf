package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.service.ConnectionQuotaExceeded;
import io.dataflow.privatelink.kit.api.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A create refused by a connection quota: 429 with the API's error body, whose {@code details} say which
 * limit, its value and the count (service-kit's mapper answers other refusals with empty details).
 */
public class QuotaRefusals {

    @ServerExceptionMapper
    public Response quotaExceeded(ConnectionQuotaExceeded e) {
        return Response.status(e.code().httpStatus()).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.code().code(), e.getMessage(), e.details())).build();
    }
}
