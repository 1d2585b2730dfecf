package io.dataflow.privatelink.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test equipment: a self-signed server certificate for 127.0.0.1 and localhost, made with the JDK's keytool
 * (nothing else to install), as a PKCS#12 key store (Java servers), and as PEM certificate and PKCS#8 key
 * (PostgreSQL, OpenSSL servers). Clients trust {@link #certificate()}.
 */
public record TestCertificate(Path keyStore, String storePassword, Path certificate, Path privateKey) {

    private static final String ALIAS = "server";
    private static final String STORE_PASSWORD = "store-secret-of-the-tests";

    /** Makes the certificate in {@code dir}, or reuses the one made there before. */
    public static TestCertificate in(Path dir) {
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        Path privateKey = dir.resolve("server.key");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(privateKey)) {
                keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-storetype", "PKCS12",
                        "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
                keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storetype",
                        "PKCS12", "-storepass", STORE_PASSWORD, "-file", certificate.toString());
                writePrivateKey(keyStore, privateKey);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a test certificate in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new TestCertificate(keyStore, STORE_PASSWORD, certificate, privateKey);
    }

    /** PostgreSQL refuses a key file others may read: owner-only. */
    private static void writePrivateKey(Path keyStore, Path target) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey(ALIAS, STORE_PASSWORD.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.deleteIfExists(target);
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(target, pem);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // keytool writes its messages in the platform charset
        String output = new String(process.getInputStream().readAllBytes(), Charset.defaultCharset());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
