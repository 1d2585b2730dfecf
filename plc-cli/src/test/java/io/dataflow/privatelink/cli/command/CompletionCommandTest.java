package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plc completion bash|zsh} sourced by a real bash, and {@code __complete-ids}, the ids it offers: the
 * script calls {@code plc} on the PATH, here a stand-in that answers with what {@code __complete-ids}
 * printed in-process against the stub.
 */
class CompletionCommandTest {

    private static final String LIST = connections(CLUSTER) + "?pageSize=100";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @Test
    void completeIdsPrintsEachIdWithItsName() {
        cli.api.on("GET", LIST, ok(new ListPrivateLinkConnectionsResponse(List.of(
                aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE), aws("plc-2", "payments", ACTIVE)), null, 2)));

        Run run = cli.run("__complete-ids", "-c", CLUSTER);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("plc-1\torders-kafka\nplc-2\tpayments\n", run.stdout());
        assertEquals(List.of("GET " + LIST), cli.api.paths());
    }

    @Test
    void completeIdsOffersNothingRatherThanAnErrorInTheMiddleOfACommandLine() {
        cli.api.on("GET", LIST, error(401, 16, "the bearer token is not valid"));

        Run failing = cli.run("__complete-ids", "-c", CLUSTER);
        Run noCluster = cli.run("__complete-ids");

        for (Run run : List.of(failing, noCluster)) {
            assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
            assertEquals("", run.stdout() + run.stderr());
        }
        assertEquals(1, cli.api.requests().size(), "without a cluster it asks nothing");
    }

    @Test
    void bashCompletesCommandsFlagsAndTheClustersConnectionIds() throws Exception {
        cli.api.on("GET", LIST, ok(new ListPrivateLinkConnectionsResponse(List.of(
                aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE), aws("plc-2", "payments", ACTIVE)), null, 2)));
        Path script = cli.dir.resolve("plc-completion.bash");
        Files.writeString(script, cli.run("completion", "bash").stdout());
        installStandIn(cli.run("__complete-ids", "-c", CLUSTER).stdout());

        assertTrue(complete(script, "plc plc cre", 2).contains("create"));
        assertEquals(List.of("update"), complete(script, "plc plc upd", 2));
        assertEquals(List.of("test-connectivity"), complete(script, "plc plc test-c", 2));
        assertTrue(complete(script, "plc plc test-connectivity --ka", 3).contains("--kafka"));
        assertTrue(complete(script, "plc plc update --disp", 3).contains("--display-name"));
        assertTrue(complete(script, "plc plc list --sta", 3).contains("--state"));
        assertEquals(List.of("plc-1", "plc-2"), complete(script, "plc plc get -c " + CLUSTER + " --private-link-connection-id ", 6));
        assertEquals(List.of("plc-2"), complete(script, "plc plc get --cluster-id=" + CLUSTER + " --private-link-connection-id plc-2", 5));
        assertEquals(List.of(), complete(script, "plc plc get --private-link-connection-id ", 4), "no cluster, no ids");
    }

    @Test
    void zshUsesTheSameScriptThroughBashcompinitAndOtherShellsAreUsageErrors() {
        Run zsh = cli.run("completion", "zsh");
        Run fish = cli.run("completion", "fish");

        assertEquals(ExitCodes.OK, zsh.exitCode(), zsh.toString());
        assertTrue(zsh.stdout().contains("bashcompinit") && zsh.stdout().contains("compadd"), "zsh's way in and its ids");
        assertEquals(ExitCodes.USAGE, fish.exitCode(), fish.toString());
        assertTrue(fish.stderr().startsWith("Error: ") && fish.stderr().contains("fish"), fish.toString());
    }

    /** A {@code plc} on the PATH that answers {@code __complete-ids --cluster-id <CLUSTER>} with {@code ids}. */
    private void installStandIn(String ids) throws Exception {
        Path bin = Files.createDirectories(cli.dir.resolve("bin"));
        Path plc = bin.resolve("plc");
        Files.writeString(plc, "#!/usr/bin/env bash\n[ \"$*\" = \"__complete-ids --cluster-id " + CLUSTER + "\" ] || exit 9\n"
                + "printf '%s' '" + ids + "'\n");
        Files.setPosixFilePermissions(plc, PosixFilePermissions.fromString("rwx------"));
    }

    /** What bash offers for the word at {@code wordIndex} of {@code line}. */
    private List<String> complete(Path script, String line, int wordIndex) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        // compopt only works inside a completion the shell started: a no-op here
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "source " + script + "; compopt() { :; }; COMP_WORDS=("
                + words + "); COMP_CWORD=" + wordIndex + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE};"
                + " _plc_complete; printf '%s\\n' \"${COMPREPLY[@]}\"").redirectErrorStream(true);
        bash.environment().put("PATH", cli.dir.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bash ended");
        return out.lines().filter(word -> !word.isEmpty()).toList();
    }
}
