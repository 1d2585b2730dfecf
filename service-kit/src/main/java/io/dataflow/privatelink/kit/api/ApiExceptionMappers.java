package io.dataflow.privatelink.kit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.kit.faults.TransientFailures;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into the contract's error body. Callers never see a stack trace: refusals say
 * what was wrong, and unexpected errors are logged here and answered with a generic INTERNAL.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);
    /** What a 503 asks clients to wait before retrying. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(RpcCode.INVALID_ARGUMENT, "The request body is not valid JSON for this operation: "
                + e.getOriginalMessage());
    }

    /** Wrong types and unknown enum values: more specific than Quarkus's own mapper, so this one answers. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body");
        return respond(RpcCode.INVALID_ARGUMENT, "The request body is not valid JSON for this operation: " + field
                + ": " + e.getOriginalMessage());
    }

    /** A field the operation does not know: refused, naming it and the fields that are known. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unknownField(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
        String known = e.getKnownPropertyIds() == null ? "" : " Known fields here: " + String.join(", ",
                e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ".";
        return respond(RpcCode.INVALID_ARGUMENT, "The request body has an unknown field '" + e.getPropertyName()
                + "'." + known);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response invalidFormat(InvalidFormatException e) {
        return mismatchedInput(e);
    }

    @ServerExceptionMapper
    public Response unknownPath(NotFoundException e) {
        return respond(RpcCode.NOT_FOUND, "No such resource or operation. See the API reference for the paths.");
    }

    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException e) {
        return Response.status(405).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(RpcCode.INVALID_ARGUMENT, "This HTTP method is not supported on this path."))
                .build();
    }

    @ServerExceptionMapper
    public Response wrongMediaType(NotSupportedException e) {
        return Response.status(415).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(RpcCode.INVALID_ARGUMENT, "Send the request body as application/json."))
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        if (status >= 500 && TransientFailures.isTransient(e)) {
            return unavailable();
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(RpcCode.INTERNAL, "Internal error. Retry later; if it persists, contact support.");
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(RpcCode.INVALID_ARGUMENT, "The request was refused: " + e.getMessage()))
                .build();
    }

    /**
     * Everything else, {@link Throwable} and not only {@link Exception}: Vert.x reports a failed commit on a
     * lost connection as a bare {@code NoStackTraceThrowable}, which otherwise reached Quarkus's default
     * 500 page (seen in DatabaseOutageIT).
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (TransientFailures.isTransient(e)) {
            LOG.warnf("Request failed for a transient reason: %s", e.toString());
            return unavailable();
        }
        LOG.error("Request failed unexpectedly", e);
        return respond(RpcCode.INTERNAL, "Internal error. Retry later; if it persists, contact support.");
    }

    /**
     * The database (or another dependency) is briefly out of reach: 503 with code 14 and a
     * {@code Retry-After}, so clients and proxies retry; nothing was changed.
     */
    public static Response unavailable() {
        return Response.status(RpcCode.UNAVAILABLE.httpStatus()).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(ApiError.of(RpcCode.UNAVAILABLE, "The service is temporarily unavailable (its database "
                        + "cannot be reached); nothing was changed. Retry in a few seconds."))
                .build();
    }

    public static Response respond(RpcCode code, String message) {
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(code, message)).build();
    }
}
