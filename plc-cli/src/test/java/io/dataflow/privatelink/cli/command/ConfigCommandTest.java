package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.cli.config.CliProfiles;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc config set|use|list}, and the profile a command then calls the API with. */
class ConfigCommandTest {

    private static final String LIST = connections(CLUSTER) + "?pageSize=100";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @Test
    void setWritesTheProfileOwnerOnlyWithTheTokenFromStdinAndTheFirstBecomesCurrent() throws Exception {
        Run local = cli.stdin("  secret-token  ").run("config", "set", "local", "--api", "http://localhost:8080",
                "--token-stdin");
        Run prod = cli.stdin().run("config", "set", "prod", "--api", "https://plc.example.com");

        assertEquals(ExitCodes.OK, local.exitCode(), local.toString());
        assertEquals("Profile local saved in " + cli.profilesFile + "\n", local.stdout());
        assertEquals(ExitCodes.OK, prod.exitCode(), prod.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.profilesFile)));
        CliProfiles saved = CliProfiles.load(cli.profilesFile);
        assertEquals(new CliProfiles.Profile("http://localhost:8080", "secret-token"), saved.profile("local").orElseThrow());
        assertEquals(new CliProfiles.Profile("https://plc.example.com", null), saved.profile("prod").orElseThrow());
        assertEquals("local", saved.currentProfile().orElseThrow(), "a later profile does not take over");
    }

    @Test
    void listShowsEachProfileAndWhetherItHasATokenNeverTheToken() {
        cli.stdin("secret-token").run("config", "set", "local", "--api", "http://localhost:8080", "--token-stdin");
        cli.stdin().run("config", "set", "prod", "--api", "https://plc.example.com");

        Run before = cli.run("config", "list");
        Run use = cli.run("config", "use", "prod");
        Run after = cli.run("config", "list");

        assertEquals(List.of("* local\thttp://localhost:8080\ttoken set", "  prod\thttps://plc.example.com\ttoken not set"),
                before.lines());
        assertEquals("Current profile: prod\n", use.stdout());
        assertEquals(List.of("  local\thttp://localhost:8080\ttoken set", "* prod\thttps://plc.example.com\ttoken not set"),
                after.lines());
        for (Run run : List.of(before, use, after)) {
            assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
            assertFalse(run.stdout().contains("secret-token") || run.stderr().contains("secret-token"), run.toString());
        }
    }

    @Test
    void badValuesAreUsageErrors() {
        Run notUrl = cli.run("config", "set", "local", "--api", "localhost:8080");
        Run noToken = cli.stdin().run("config", "set", "local", "--api", "http://localhost:8080", "--token-stdin");
        Run noProfile = cli.run("config", "use", "staging");

        assertEquals(ExitCodes.USAGE, notUrl.exitCode(), notUrl.toString());
        assertTrue(notUrl.stderr().startsWith("Error: --api must be an http:// or https:// URL"), notUrl.toString());
        assertEquals(ExitCodes.USAGE, noToken.exitCode(), noToken.toString());
        assertEquals("Error: --token-stdin: no token on stdin\n", noToken.stderr());
        assertEquals(ExitCodes.USAGE, noProfile.exitCode(), noProfile.toString());
        assertTrue(noProfile.stderr().startsWith("Error: no profile named 'staging'"), noProfile.toString());
        assertFalse(Files.exists(cli.profilesFile), "nothing written");
    }

    @Test
    void aCommandCallsTheCurrentOrChosenProfilesApiWithItsTokenAndTheEnvironmentOverridesBoth() {
        cli.api.on("GET", LIST, ok(new ListPrivateLinkConnectionsResponse(List.of(), null, 0)));
        CliProfiles.load(cli.profilesFile).put("local", cli.api.base(), "local-token").useIfNoneCurrent("local")
                .put("other", cli.api.base(), "other-token").save();
        cli.env("PLC_API", null).env("PLC_TOKEN", null);

        Run current = cli.run("plc", "list", "-c", CLUSTER);
        Run chosen = cli.run("plc", "list", "-c", CLUSTER, "-P", "other");
        Run overridden = cli.env("PLC_TOKEN", "env-token").run("plc", "list", "-c", CLUSTER, "--profile", "other");
        Run missing = cli.run("plc", "list", "-c", CLUSTER, "-P", "staging");

        for (Run run : List.of(current, chosen, overridden)) {
            assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        }
        assertEquals(List.of("Bearer local-token", "Bearer other-token", "Bearer env-token"),
                cli.api.requests().stream().map(r -> r.header("Authorization")).toList());
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().startsWith("Error: no profile named 'staging'"), missing.toString());
        assertEquals(3, cli.api.requests().size(), "no request with a missing profile");
    }
}
