package io.dataflow.privatelink.cli;

import io.dataflow.privatelink.cli.config.ApiTarget;
import io.dataflow.privatelink.cli.config.CliProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliProfilesTest {

    @TempDir
    Path dir;

    @Test
    void profilesAreWrittenOwnerOnlyAndTheFirstBecomesCurrent() throws Exception {
        Path file = dir.resolve("plc/config.json");
        CliProfiles.load(file).put("local", "http://localhost:8080", "secret-token").useIfNoneCurrent("local").save();
        CliProfiles.load(file).put("prod", "https://plc.example.com", "prod-token").useIfNoneCurrent("prod").save();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        CliProfiles loaded = CliProfiles.load(file);
        assertEquals("local", loaded.currentProfile().orElseThrow(), "a later profile does not take over");
        assertEquals("https://plc.example.com", loaded.profile("prod").orElseThrow().api());
    }

    @Test
    void theEnvironmentOverridesTheProfileAndAMissingProfileIsNamed() {
        Path file = dir.resolve("config.json");
        CliProfiles.load(file).put("local", "http://localhost:8080", "profile-token").useIfNoneCurrent("local").save();
        Map<String, String> env = Map.of("PLC_CONFIG", file.toString());
        ApiTarget fromProfile = ApiTarget.resolve(env, null);
        assertEquals("http://localhost:8080", fromProfile.base().toString());
        assertEquals("profile-token", fromProfile.token().orElseThrow());

        ApiTarget overridden = ApiTarget.resolve(Map.of("PLC_CONFIG", file.toString(), "PLC_API", "http://other:9000/",
                "PLC_TOKEN", "env-token"), null);
        assertEquals("http://other:9000", overridden.base().toString());
        assertEquals("env-token", overridden.token().orElseThrow());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ApiTarget.resolve(env, "staging"));
        assertTrue(missing.getMessage().contains("no profile named 'staging'"), missing.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ApiTarget.resolve(Map.of("PLC_CONFIG", dir.resolve("absent.json").toString()), null));
        assertTrue(none.getMessage().contains("set PLC_API"), none.getMessage());
    }
}
