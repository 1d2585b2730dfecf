package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.contract.auth.AccessTokens;
import io.dataflow.privatelink.contract.auth.Caller;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** Verifies bearer tokens against the configured key and issuer; refusals are UNAUTHENTICATED. */
@ApplicationScoped
public class TokenVerifier {

    private final PublicKey key;
    private final String issuer;
    private final CaffeineCache verified;
    private final Clock clock = Clock.systemUTC();

    TokenVerifier(ConnectionServiceConfig config, @CacheName("verified-tokens") Cache verified) {
        this.verified = verified.as(CaffeineCache.class);
        this.issuer = config.auth().issuer();
        this.key = AccessTokens.publicKey(config.auth().publicKey().orElseGet(() -> config.auth().publicKeyLocation()
                .map(path -> {
                    try {
                        return Files.readString(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read plc.auth.public-key-location " + path, e);
                    }
                })
                .orElseThrow(() -> new IllegalStateException("Set plc.auth.public-key (PEM) or "
                        + "plc.auth.public-key-location: the key bearer tokens are verified with."))));
    }

    /** The caller of a request with this {@code Authorization} header. */
    public Caller verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthenticated("This API needs a bearer token: send 'Authorization: Bearer <token>'.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthenticated("The Authorization header must be 'Bearer <token>'.");
        }
        return verifyToken(authorization.substring(7).strip());
    }

    /**
     * A token verified before is not verified again (an RSA signature check is most of a request's CPU
     * after the database's) until it expires: clients send the same token with every request.
     */
    public Caller verifyToken(String token) {
        CompletableFuture<AccessTokens.Verified> known = verified.getIfPresent(token);
        if (known != null && known.isDone() && !known.isCompletedExceptionally()
                && clock.instant().isBefore(known.join().expiresAt())) {
            return known.join().caller();
        }
        try {
            AccessTokens.Verified fresh = AccessTokens.verifyWithExpiry(token, key, issuer);
            verified.put(token, CompletableFuture.completedFuture(fresh));
            return fresh.caller();
        } catch (AccessTokens.InvalidToken e) {
            throw ApiException.unauthenticated(e.getMessage());
        }
    }
}
