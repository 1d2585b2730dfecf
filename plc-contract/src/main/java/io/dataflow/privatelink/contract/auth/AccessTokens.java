package io.dataflow.privatelink.contract.auth;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The API's bearer tokens: JWTs signed with RS256. Claims: {@code iss}, {@code sub} (the caller),
 * {@code exp}, and {@code projects}, an object of project id → {@code viewer} | {@code editor}. The
 * platform's identity provider issues them; the local stack and tests mint their own with
 * {@link #mint}. Keys travel as PEM (public: X.509 SubjectPublicKeyInfo, private: PKCS#8).
 */
public final class AccessTokens {

    public static final String PROJECTS_CLAIM = "projects";

    private AccessTokens() {
    }

    /** A token refused: the message says why, for the caller (never the token itself). */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    public static String mint(PrivateKey key, String issuer, String subject, Map<String, Role> projects,
                              Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromMilliseconds(System.currentTimeMillis() + lifetime.toMillis()));
        Map<String, Object> roles = new LinkedHashMap<>();
        projects.forEach((project, role) -> roles.put(project, role.name().toLowerCase(Locale.ROOT)));
        claims.setClaim(PROJECTS_CLAIM, roles);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** A verified token's caller and the moment the token expires. */
    public record Verified(Caller caller, java.time.Instant expiresAt) {
    }

    /** Checks signature, issuer and expiry, and reads the caller. */
    public static Caller verify(String token, PublicKey key, String issuer) throws InvalidToken {
        return verifyWithExpiry(token, key, issuer).caller();
    }

    /** As {@link #verify}, with the token's expiry (so that a verified token can be remembered until then). */
    public static Verified verifyWithExpiry(String token, PublicKey key, String issuer) throws InvalidToken {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Map<String, Role> projects = new LinkedHashMap<>();
            Object raw = claims.getClaimValue(PROJECTS_CLAIM);
            if (raw instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    projects.put(String.valueOf(e.getKey()), role(String.valueOf(e.getValue())));
                }
            }
            return new Verified(new Caller(claims.getSubject(), projects),
                    java.time.Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()));
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new InvalidToken("The bearer token has expired; get a new one.");
            }
            throw new InvalidToken("The bearer token is not valid: it must be a JWT signed (RS256) by the "
                    + "configured key, issued by " + issuer + ", with sub and exp.");
        } catch (MalformedClaimException e) {
            throw new InvalidToken("The bearer token's claims are malformed.");
        }
    }

    private static Role role(String value) throws InvalidToken {
        try {
            return Role.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("The bearer token names an unknown role '" + value + "' (viewer or editor).");
        }
    }

    // ---- keys ----

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM (X.509): " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an RSA private key in PEM (PKCS#8): " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
