package io.dataflow.privatelink.deploy.images;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JRE 17 base image made on this machine, for building the images where no registry is reachable: a
 * {@code jlink} runtime of the running JDK in {@code /opt/java} (on the PATH), the shared libraries it links
 * against, a user 10001 and a {@code /tmp}, saved as {@code docker save} writes it (Jib's {@code tar://} base).
 * Production builds on a published JRE image instead ({@code plc.image.base}).
 */
final class LocalJreImage {

    /** What a Quarkus service, Kafka's and the cloud SDKs' clients need of the platform. */
    private static final String MODULES = "java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,"
            + "jdk.naming.dns,jdk.jfr,jdk.localedata";
    private static final Pattern LIBRARY = Pattern.compile("(/[^ ]+\\.so[^ ]*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalJreImage() {
    }

    /** Builds the image into {@code work} and returns the saved image's path. */
    static Path build(Path work) throws IOException, InterruptedException {
        Path rootfs = work.resolve("rootfs");
        Path java = rootfs.resolve("opt/java");
        Files.createDirectories(java.getParent());
        Path javaHome = Path.of(System.getProperty("java.home"));
        run(javaHome.resolve("bin/jlink").toString(), "--add-modules", MODULES, "--strip-debug", "--no-header-files",
                "--no-man-pages", "--output", java.toString());
        for (String library : sharedLibraries(java)) {
            Path copy = rootfs.resolve(library.substring(1));
            Files.createDirectories(copy.getParent());
            Files.copy(Path.of(library).toRealPath(), copy);
        }
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/sbin/nologin\napp:x:10001:10001::/tmp:/sbin/nologin\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:10001:\n");
        Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(rootfs.resolve("proc"));

        Path image = Files.createDirectories(work.resolve("image"));
        Path layer = image.resolve("layer.tar");
        run("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", rootfs.toString(), "-cf", layer.toString(), ".");
        Map<String, Object> config = Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Env", List.of("PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of("sha256:" + sha256(layer))));
        JSON.writeValue(image.resolve("config.json").toFile(), config);
        JSON.writeValue(image.resolve("manifest.json").toFile(), List.of(Map.of("Config", "config.json",
                "RepoTags", List.of("plc-local-jre:17"), "Layers", List.of("layer.tar"))));
        Path saved = work.resolve("plc-local-jre.tar");
        run("tar", "-C", image.toString(), "-cf", saved.toString(), "manifest.json", "config.json", "layer.tar");
        return saved;
    }

    /** The shared libraries (and the loader) the runtime's executables and libraries link against. */
    private static Set<String> sharedLibraries(Path java) throws IOException, InterruptedException {
        List<Path> binaries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(java)) {
            files.filter(f -> f.toString().endsWith(".so") || f.getParent().endsWith("bin")).forEach(binaries::add);
        }
        Set<String> libraries = new LinkedHashSet<>();
        for (Path binary : binaries) {
            Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = ldd.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            ldd.waitFor(30, TimeUnit.SECONDS);
            Matcher m = LIBRARY.matcher(out);
            while (m.find()) {
                if (!m.group(1).startsWith(java.toString())) {
                    libraries.add(m.group(1));
                }
            }
        }
        return libraries;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
