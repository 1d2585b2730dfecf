package io.dataflow.privatelink.security.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataflow.privatelink.contract.auth.Role;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test equipment: an identity provider as a real one answers, on a port of this machine: OIDC discovery
 * ({@code /.well-known/openid-configuration}) and a JWKS ({@code /jwks}) whose signing key can be rotated
 * mid-test ({@link #rotateKey()}: the new key signs, the old one leaves the set). Tokens carry {@code kid},
 * {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code sub}, {@code projects} and, when asked,
 * {@code scope}. One provider per test JVM; the service under test is pointed at it by
 * {@link #start()}'s settings.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String AUDIENCE = "plc-api";
    public static final Duration MAX_AGE = Duration.ofHours(2);

    private static final AtomicInteger KEY_IDS = new AtomicInteger();
    private static final AtomicLong JWKS_FETCHES = new AtomicLong();
    private static volatile RsaJsonWebKey signingKey = newKey();
    private static HttpServer server;
    private static String issuer;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/plc";
            server.createContext("/realms/plc/.well-known/openid-configuration", exchange -> json(exchange, """
                    {"issuer": "%1$s", "jwks_uri": "%1$s/jwks", "token_endpoint": "%1$s/token",
                     "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer)));
            server.createContext("/realms/plc/jwks", exchange -> {
                JWKS_FETCHES.incrementAndGet();
                json(exchange, new JsonWebKeySet(List.of(signingKey)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            });
            server.start();
        }
        return Map.of(
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.token.audience", AUDIENCE,
                "quarkus.oidc.token.age", MAX_AGE.toSeconds() + "S",
                // a token signed by a key not seen yet refreshes the key set at once (tests rotate keys)
                "quarkus.oidc.token.forced-jwk-refresh-interval", "0S");
    }

    @Override
    public void stop() {
        // Kept for the test JVM: later test classes start the same provider again.
    }

    public static String issuer() {
        return issuer;
    }

    /** A token of the current key: for {@code subject}, with these project roles, good for an hour. */
    public static String token(String subject, Map<String, Role> projects) {
        return token().subject(subject).projects(projects).sign();
    }

    public static TokenBuilder token() {
        return new TokenBuilder();
    }

    /** A new signing key: tokens signed from now on carry its kid; the old key leaves the JWKS. */
    public static void rotateKey() {
        signingKey = newKey();
    }

    /** How often services fetched the JWKS (a rotation makes them fetch again). */
    public static long jwksFetches() {
        return JWKS_FETCHES.get();
    }

    /** A token's claims and how it is signed; each may be set wrong on purpose. */
    public static final class TokenBuilder {
        private String subject = "alice@example.com";
        private Map<String, String> projects = Map.of();
        private String tokenIssuer = issuer;
        private List<String> audience = List.of(AUDIENCE);
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofHours(1);
        private String scope;
        private RsaJsonWebKey key = signingKey;
        private String keyId;

        public TokenBuilder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public TokenBuilder projects(Map<String, Role> roles) {
            Map<String, String> named = new LinkedHashMap<>();
            roles.forEach((project, role) -> named.put(project, role.name().toLowerCase(Locale.ROOT)));
            this.projects = named;
            return this;
        }

        /** Roles by their names as an identity provider writes them, known to this system or not. */
        public TokenBuilder projectRoles(Map<String, String> roles) {
            this.projects = Map.copyOf(roles);
            return this;
        }

        public TokenBuilder issuer(String issuer) {
            this.tokenIssuer = issuer;
            return this;
        }

        public TokenBuilder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public TokenBuilder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public TokenBuilder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public TokenBuilder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /** Signed by a key the provider never published, under this kid. */
        public TokenBuilder unknownKey(String kid) {
            this.key = newKey();
            this.keyId = kid;
            return this;
        }

        public String sign() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(tokenIssuer);
            claims.setSubject(subject);
            claims.setAudience(audience);
            claims.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
            claims.setExpirationTime(NumericDate.fromMilliseconds(issuedAt.plus(lifetime).toEpochMilli()));
            claims.setClaim("projects", projects);
            if (scope != null) {
                claims.setClaim("scope", scope);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(keyId != null ? keyId : key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static RsaJsonWebKey newKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key-" + KEY_IDS.incrementAndGet());
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
