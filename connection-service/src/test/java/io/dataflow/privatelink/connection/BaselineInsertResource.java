package io.dataflow.privatelink.connection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.hibernate.reactive.mutiny.Mutiny;

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

    /** Five such inserts in one transaction, as many statements as a create writes ({@code -Dbench.five-inserts}). */
    @POST
    @Path("/five")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, String>> insertFive(String body) {
        String id = UUID.randomUUID().toString();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> one(session, id + "a", body)
                        .chain(() -> one(session, id + "b", body)).chain(() -> one(session, id + "c", body))
                        .chain(() -> one(session, id + "d", body)).chain(() -> one(session, id + "e", body))))
                .replaceWith(Map.of("id", id));
    }

    private static Uni<Integer> one(Mutiny.Session session, String id, String body) {
        return session.createNativeQuery("INSERT INTO bench_row (id, body) VALUES (?1, ?2)")
                .setParameter(1, id).setParameter(2, body).executeUpdate();
    }
}
