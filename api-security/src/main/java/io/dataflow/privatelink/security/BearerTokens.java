package io.dataflow.privatelink.security;

import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies bearer tokens with quarkus-oidc (the default tenant: {@code quarkus.oidc.*}): signature by a key
 * of the identity provider's JWKS picked by {@code kid} and refreshed when an unknown one appears (or a
 * static {@code quarkus.oidc.public-key}), issuer, audience, expiry and maximum age. A refusal is
 * UNAUTHENTICATED with a message that says what is wrong with the caller's own token
 * ({@link TokenRefusals}). A token verified before is not verified again until it is no longer good:
 * clients send the same token with every request, and a signature check is most of a request's CPU.
 */
@ApplicationScoped
public class BearerTokens {

    private final TenantIdentityProvider identities;
    private final CaffeineCache verified;
    private final TokenRefusals refusals;
    private final Optional<Duration> maxAge;
    private final Clock clock = Clock.systemUTC();

    BearerTokens(TenantIdentityProvider identities, @CacheName("verified-tokens") Cache verified,
                 TokenRefusals refusals, @ConfigProperty(name = "quarkus.oidc.token.age") Optional<Duration> maxAge) {
        this.identities = identities;
        this.verified = verified.as(CaffeineCache.class);
        this.refusals = refusals;
        this.maxAge = maxAge;
    }

    /** The caller of a request with this {@code Authorization} header value. */
    public Uni<VerifiedCaller> verifyHeader(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().failure(ApiException.unauthenticated(
                    "This API needs a bearer token: send 'Authorization: Bearer <token>'."));
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().failure(ApiException.unauthenticated(
                    "The Authorization header must be 'Bearer <token>'."));
        }
        return verify(authorization.substring(7).strip());
    }

    /** The caller this token stands for, or UNAUTHENTICATED saying why not. */
    public Uni<VerifiedCaller> verify(String token) {
        CompletableFuture<VerifiedCaller> known = verified.getIfPresent(token);
        if (known != null && known.isDone() && !known.isCompletedExceptionally()
                && clock.instant().isBefore(known.join().validUntil())) {
            return Uni.createFrom().item(known.join());
        }
        return identities.authenticate(new AccessTokenCredential(token))
                .map(identity -> {
                    if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
                        throw ApiException.unauthenticated("The bearer token has no subject (sub).");
                    }
                    VerifiedCaller caller = new VerifiedCaller(CallerClaims.of(jwt.getSubject(), jwt::getClaim),
                            validUntil(jwt));
                    verified.put(token, CompletableFuture.completedFuture(caller));
                    return caller;
                })
                .onFailure(e -> !(e instanceof ApiException))
                .transform(e -> ApiException.unauthenticated(refusals.reason(token)));
    }

    private Instant validUntil(JsonWebToken jwt) {
        Instant expiry = Instant.ofEpochSecond(jwt.getExpirationTime());
        if (maxAge.isPresent() && jwt.getIssuedAtTime() > 0) {
            Instant aged = Instant.ofEpochSecond(jwt.getIssuedAtTime()).plus(maxAge.get());
            return aged.isBefore(expiry) ? aged : expiry;
        }
        return expiry;
    }
}
