package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.repository.IdempotencyKeyEntity;
import io.dataflow.privatelink.connection.repository.IdempotencyKeyRepository;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ControlCharacters;
import io.dataflow.privatelink.kit.faults.RetryableConflict;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                    + "characters without spaces, e.g. a UUID; it was '" + ControlCharacters.scrubbed(key) + "'.");
        }
        return Optional.of(key);
    }

    /**
     * The key's row, to be recorded in the create's transaction with the answer the create gets: the
     * fingerprint is what was asked (a key reused for another request is refused).
     */
    public static IdempotencyKeyEntity keyRow(String clusterId, String key, String fingerprint,
                                              PrivateLinkConnection answer, Instant now) {
        IdempotencyKeyEntity row = new IdempotencyKeyEntity();
        row.clusterId = clusterId;
        row.idempotencyKey = key;
        row.requestHash = sha256(fingerprint);
        row.connectionId = answer.privateLinkConnectionId();
        row.response = EventJson.write(answer);
        row.createdAt = now;
        return row;
    }

    /**
     * For a create whose key turned out to be taken (its own transaction rolled back): the answer the
     * first request with the key got, or INVALID_ARGUMENT when that one asked for something else.
     */
    public Uni<PrivateLinkConnection> earlierAnswer(IdempotencyKeyEntity mine) {
        return Panache.withSession(() -> keys.find(mine.clusterId, mine.idempotencyKey)).map(first -> {
            if (first == null) {
                // Recorded by a transaction that has since rolled back: this create may be tried again.
                throw new RetryableConflict("idempotency key " + mine.idempotencyKey + " was released");
            }
            return earlierAnswer(mine, first);
        });
    }

    /**
     * The keys recorded (committed) for these creates' keys, in their order; null where a key is not recorded.
     * One read, in a session of its own.
     */
    public Uni<List<IdempotencyKeyEntity>> recordedKeys(List<IdempotencyKeyEntity> mine) {
        return Panache.withSession(() -> keys.findAll(mine)).map(found -> {
            Map<IdempotencyKeyEntity.Key, IdempotencyKeyEntity> byKey = new HashMap<>();
            found.forEach(k -> byKey.put(new IdempotencyKeyEntity.Key(k.clusterId, k.idempotencyKey), k));
            List<IdempotencyKeyEntity> inOrder = new ArrayList<>(mine.size());
            mine.forEach(k -> inOrder.add(byKey.get(new IdempotencyKeyEntity.Key(k.clusterId, k.idempotencyKey))));
            return inOrder;
        });
    }

    /** The answer the first request with the key got, or INVALID_ARGUMENT when that one asked for something else. */
    public static PrivateLinkConnection earlierAnswer(IdempotencyKeyEntity mine, IdempotencyKeyEntity first) {
        if (!first.requestHash.equals(mine.requestHash)) {
            throw ApiException.invalidArgument("Idempotency-Key " + mine.idempotencyKey + " was already used "
                    + "for a different create request on this cluster; use a new key for a new request.");
        }
        return EventJson.read(first.response, PrivateLinkConnection.class);
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
