package io.dataflow.privatelink.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a token the verifier refused is refused, in words for its holder. Read only after quarkus-oidc has
 * refused it, from the token's own (unverified) claims: it tells the caller what is wrong with what they
 * sent, never anything about the keys or the server.
 */
@ApplicationScoped
public class TokenRefusals {

    private final Optional<String> issuer;
    private final Optional<List<String>> audiences;
    private final Optional<Duration> maxAge;
    private final Clock clock = Clock.systemUTC();

    TokenRefusals(@ConfigProperty(name = "quarkus.oidc.token.issuer") Optional<String> issuer,
                  @ConfigProperty(name = "quarkus.oidc.token.audience") Optional<List<String>> audiences,
                  @ConfigProperty(name = "quarkus.oidc.token.age") Optional<Duration> maxAge) {
        this.issuer = issuer;
        this.audiences = audiences;
        this.maxAge = maxAge;
    }

    public String reason(String token) {
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().build().processToClaims(token);
        } catch (InvalidJwtException e) {
            return "The bearer token is not a JWT.";
        }
        try {
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null) {
                return "The bearer token has no expiry (exp).";
            }
            if (Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()).isBefore(now)) {
                return "The bearer token has expired; get a new one.";
            }
            if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
                return "The bearer token was issued by '" + claims.getIssuer() + "'; this API accepts tokens of '"
                        + issuer.get() + "'.";
            }
            if (audiences.isPresent() && (claims.getAudience() == null
                    || claims.getAudience().stream().noneMatch(audiences.get()::contains))) {
                return "The bearer token is not meant for this API: its audience (aud) must include "
                        + String.join(" or ", audiences.get()) + ".";
            }
            if (maxAge.isPresent() && claims.getIssuedAt() != null && Instant.ofEpochMilli(
                    claims.getIssuedAt().getValueInMillis()).plus(maxAge.get()).isBefore(now)) {
                return "The bearer token was issued more than " + maxAge.get().toMinutes()
                        + " minutes ago; get a new one.";
            }
            return "The bearer token is not valid: its signature does not verify with the identity provider's "
                    + "keys (an unknown key id, a forged or altered token).";
        } catch (MalformedClaimException e) {
            return "The bearer token's claims are malformed.";
        }
    }
}
