package io.dataflow.privatelink.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.UUID;

/**
 * The command benchmark's baseline (test code only): a plain endpoint of the same application doing one
 * insert into the same PostgreSQL, in a transaction of its own, with the same reactive stack.
 */
@Path("/bench/insert")
public class BaselineInsertResource {

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, String>> insert(String body) {
        String id = UUID.randomUUID().toString();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("INSERT INTO bench_row (id, body) VALUES (?1, ?2)")
                        .setParameter(1, id).setParameter(2, body).executeUpdate()))
                .replaceWith(Map.of("id", id));
    }
}
