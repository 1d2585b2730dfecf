package io.dataflow.privatelink.deploy.local;

import io.dataflow.privatelink.contract.auth.AccessTokens;
import io.dataflow.privatelink.contract.auth.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;

/**
 * The local stack's identity provider: an RSA key pair kept in the data folder (made on first start,
 * so tokens keep working across restarts), whose public half connection-service and domain-service verify
 * tokens with. Production uses the platform's identity provider (its discovery document and JWKS) instead.
 */
final class LocalAuth {

    static final String ISSUER = "dataflow-privatelink";
    static final String DEMO_SUBJECT = "demo-user@example.com";

    private final Path publicKeyFile;
    private final PrivateKey privateKey;

    private LocalAuth(Path publicKeyFile, PrivateKey privateKey) {
        this.publicKeyFile = publicKeyFile;
        this.privateKey = privateKey;
    }

    static LocalAuth load(Path dataDir) throws IOException {
        Path keys = dataDir.resolve("keys");
        Path privateFile = keys.resolve("jwt-private.pem");
        Path publicFile = keys.resolve("jwt-public.pem");
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            Files.createDirectories(keys);
            KeyPair pair = AccessTokens.newKeyPair();
            Files.writeString(publicFile, AccessTokens.publicPem(pair.getPublic()));
            Files.writeString(privateFile, AccessTokens.privatePem(pair.getPrivate()));
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the data folder's own permissions apply.
            }
        }
        return new LocalAuth(publicFile, AccessTokens.privateKey(Files.readString(privateFile)));
    }

    Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * How connection-service and domain-service verify this provider's tokens (quarkus-oidc with a static key:
     * no discovery, no JWKS); production points {@code quarkus.oidc.auth-server-url} at its identity provider.
     */
    Map<String, String> verifierProperties() throws IOException {
        String pem = Files.readString(publicKeyFile);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Map.of("quarkus.oidc.public-key", base64,
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.token.audience", AccessTokens.API_AUDIENCE);
    }

    String mint(String subject, Map<String, Role> projects, Duration lifetime) {
        return AccessTokens.mint(privateKey, ISSUER, subject, projects, lifetime);
    }

    /** The demo user's token: editor of the demo project, valid for 30 days. */
    String demoToken() {
        return mint(DEMO_SUBJECT, Map.of(DemoEnvironment.PROJECT_ID, Role.EDITOR), Duration.ofDays(30));
    }
}
