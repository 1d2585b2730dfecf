package io.dataflow.privatelink.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's profiles: named pairs of API base URL and token in one JSON file,
 * {@code $PLC_CONFIG}, else {@code $XDG_CONFIG_HOME/plc/config.json}, else {@code ~/.config/plc/config.json}:
 * <pre>{"currentProfile": "local", "profiles": {"local": {"api": "http://localhost:8080", "token": "…"}}}</pre>
 * The file holds tokens, so it is written owner-only ({@code rw-------}) and replaced atomically.
 * Free of picocli and Quarkus: the local stack's launcher writes its profile with this class too.
 */
public final class CliProfiles {

    public static final String DEFAULT_PROFILE = "default";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One profile: where the API is and the token to call it with (either may be absent). */
    public record Profile(String api, String token) {
    }

    private final Path file;
    private String currentProfile;
    private final Map<String, Profile> profiles;

    private CliProfiles(Path file, String currentProfile, Map<String, Profile> profiles) {
        this.file = file;
        this.currentProfile = currentProfile;
        this.profiles = profiles;
    }

    /** Where the profiles live for this environment. */
    public static Path defaultFile(Map<String, String> env) {
        String explicit = env.get("PLC_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("plc").resolve("config.json");
    }

    /** The profiles in the file; none when it does not exist yet. */
    public static CliProfiles load(Path file) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new CliProfiles(file, null, profiles);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode all = root.path("profiles");
            all.fieldNames().forEachRemaining(name -> profiles.put(name,
                    new Profile(text(all.get(name), "api"), text(all.get(name), "token"))));
            return new CliProfiles(file, text(root, "currentProfile"), profiles);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CLI's configuration " + file + ": " + e.getMessage()
                    + " (fix or delete the file)", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Path file() {
        return file;
    }

    /** The profile chosen by name, else the current one, else {@value #DEFAULT_PROFILE}. */
    public String resolveName(String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        return currentProfile != null ? currentProfile : DEFAULT_PROFILE;
    }

    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public Map<String, Profile> profiles() {
        return Map.copyOf(profiles);
    }

    public Optional<String> currentProfile() {
        return Optional.ofNullable(currentProfile);
    }

    /** Sets (or replaces) a profile; null fields keep what the profile had. */
    public CliProfiles put(String name, String api, String token) {
        Profile before = profiles.get(name);
        profiles.put(name, new Profile(api != null ? api : before == null ? null : before.api(),
                token != null ? token : before == null ? null : before.token()));
        return this;
    }

    public CliProfiles use(String name) {
        if (!profiles.containsKey(name)) {
            throw new IllegalArgumentException("no profile named '" + name + "'; profiles: " + profiles.keySet());
        }
        currentProfile = name;
        return this;
    }

    /** Makes {@code name} current unless a current profile exists already. */
    public CliProfiles useIfNoneCurrent(String name) {
        if (currentProfile == null || !profiles.containsKey(currentProfile)) {
            currentProfile = name;
        }
        return this;
    }

    /** Writes the file owner-only, replacing it atomically. */
    public void save() {
        ObjectNode root = JSON.createObjectNode();
        if (currentProfile != null) {
            root.put("currentProfile", currentProfile);
        }
        ObjectNode all = root.putObject("profiles");
        profiles.forEach((name, profile) -> {
            ObjectNode node = all.putObject(name);
            if (profile.api() != null) {
                node.put("api", profile.api());
            }
            if (profile.token() != null) {
                node.put("token", profile.token());
            }
        });
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".config", ".tmp");
            try {
                restrict(temp);
                Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CLI's configuration " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder is private already
        }
    }
}
