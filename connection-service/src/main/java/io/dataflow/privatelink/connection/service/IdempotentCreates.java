package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.repository.IdempotencyKeyRepository;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes a create with an {@code Idempotency-Key} safe to retry: the first request with a key creates and
 * records its answer; the same request with that key again gets the same answer and creates nothing. A
 * key reused for a different request is refused. Keys are per cluster and kept for
 * {@code plc.idempotency.retention}.
 */
@ApplicationScoped
public class IdempotentCreates {

    static final int MAX_KEY_LENGTH = 255;
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_KEY_LENGTH + "}");

    private final IdempotencyKeyRepository keys;

    IdempotentCreates(IdempotencyKeyRepository keys) {
        this.keys = keys;
    }

    /** The key as given, checked; empty when the request carried none. */
    public static Optional<String> validKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = header.strip();
        if (!VALID_KEY.matcher(key).matches()) {
            throw ApiException.invalidArgument("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII "
                    + "characters without spaces, e.g. a UUID; it was '" + key.replaceAll("\\p{Cntrl}", "?") + "'.");
        }
        return Optional.of(key);
    }

    /**
     * Runs {@code create} in a transaction that also records the key with its answer; when the key was
     * used before (or by a racing request that committed first), that transaction is rolled back and the
     * first request's answer is returned instead. Keys are new far more often than not, so the common case
     * costs one insert.
     */
    public Uni<PrivateLinkConnection> once(String clusterId, String key, String fingerprint,
                                           Supplier<Uni<PrivateLinkConnection>> create) {
        String hash = sha256(fingerprint);
        return Panache.withTransaction(() -> create.get().call(created -> keys.record(clusterId, key, hash,
                        created.privateLinkConnectionId(), EventJson.write(created), Instant.now())
                        .invoke(recorded -> {
                            if (!recorded) {
                                throw new KeyUsedBefore();
                            }
                        })))
                .onFailure(KeyUsedBefore.class).recoverWithUni(() -> Panache.withSession(() -> keys.find(clusterId, key))
                        .map(first -> {
                            if (!first.requestHash.equals(hash)) {
                                throw ApiException.invalidArgument("Idempotency-Key " + key + " was already used "
                                        + "for a different create request on this cluster; use a new key for a new "
                                        + "request.");
                            }
                            return EventJson.read(first.response, PrivateLinkConnection.class);
                        }));
    }

    /** Rolls back a create whose key turned out to be taken. */
    private static final class KeyUsedBefore extends RuntimeException {
        KeyUsedBefore() {
            super("idempotency key used before", null, false, false);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
