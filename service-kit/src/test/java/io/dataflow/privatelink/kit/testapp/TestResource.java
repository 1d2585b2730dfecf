package io.dataflow.privatelink.kit.testapp;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Map;

/** REST endpoints of service-kit's test application: a read and a write through the database. */
@Path("/kit")
@Produces(MediaType.APPLICATION_JSON)
public class TestResource {

    private final OutboxWriter outbox;

    TestResource(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** How many events the test consumer applied for a connection. */
    @GET
    @Path("/applied/{connection}")
    public Uni<Map<String, Long>> applied(@PathParam("connection") String connection) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT count(*) FROM applied_event WHERE connection = ?1", Long.class)
                .setParameter(1, connection).getSingleResult()))
                .map(count -> Map.of("applied", count));
    }

    /** Fails as Vert.x fails a commit on a lost connection: a bare Throwable, not an Exception. */
    @GET
    @Path("/lost-commit")
    public Uni<Map<String, String>> lostCommit() {
        return Uni.createFrom().failure(new io.vertx.core.impl.NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"));
    }

    /** Appends one event to the outbox in a transaction of its own. */
    @POST
    @Path("/append")
    public Uni<Map<String, String>> append(@QueryParam("topic") String topic, @QueryParam("subject") String subject,
                                           @QueryParam("data") String data) {
        CloudEvent event = CloudEvent.of("kit.test.v1", "/kit-test", subject, Instant.now(), Map.of("data", data));
        String trace = io.dataflow.privatelink.kit.tracing.EventTracing.currentTraceParent(); // the request's span
        return Panache.withTransaction(() -> outbox.append(topic, event, trace)).replaceWith(Map.of("id", event.id()));
    }
}
