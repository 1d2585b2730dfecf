package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc} itself: help, version, and a command that does not exist. */
class RootCommandTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @Test
    void helpListsTheCommandsTheEnvironmentAndTheExitCodes() {
        Run run = cli.run("--help");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.stdout().startsWith("Usage: plc "), run.toString());
        for (String text : List.of("serverless", "private-link-connection", "config", "completion", "PLC_API",
                "Exit codes: 0 ok, 1 error, 2 usage, 3 timed out, 4 unauthenticated or",
                "5 the connection or a domain ended FAILED,", "6 a connectivity test ran and a check failed.")) {
            assertTrue(run.stdout().replaceAll("\\s+", " ").contains(text), text + " in " + run); // as wrapped
        }
        assertEquals("", run.stderr());
    }

    @Test
    void eachVerbHasItsHelpUnderEitherPath() {
        Run ticloud = cli.run("serverless", "private-link-connection", "create", "--help");
        Run shortPath = cli.run("plc", "create", "-h");

        assertEquals(ExitCodes.OK, ticloud.exitCode(), ticloud.toString());
        assertTrue(ticloud.stdout().startsWith("Usage: plc serverless private-link-connection create "), ticloud.toString());
        assertEquals(ExitCodes.OK, shortPath.exitCode(), shortPath.toString());
        assertTrue(shortPath.stdout().startsWith("Usage: plc private-link-connection create "), shortPath.toString());
        for (Run run : List.of(ticloud, shortPath)) {
            assertTrue(run.stdout().contains("--aws.endpoint-service-name"), run.toString());
        }
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void versionIsTheBuilds() {
        Run run = cli.run("--version");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.stdout().matches("plc \\S+\n"), run.toString());
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatSuggestsTheNearestOne() {
        Run run = cli.run("plc", "lst");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: Unmatched argument at index 1: 'lst'"), run.toString());
        assertTrue(run.stderr().contains("list"), "the suggestion: " + run);
        assertTrue(run.stderr().endsWith("See 'plc private-link-connection --help'.\n"), run.toString());
        assertEquals("", run.stdout());
    }
}
