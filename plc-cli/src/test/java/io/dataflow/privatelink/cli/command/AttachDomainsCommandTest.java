package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.attachment;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.Connections.domain;
import static io.dataflow.privatelink.cli.command.CreateCommandTest.json;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc attach-domains}: the dry run, the managed name taken from it, questions, and {@code --wait}. */
class AttachDomainsCommandTest {

    private static final String ATTACH = connection(CLUSTER, "plc-1") + ":attachDomains";
    private static final String WATCH = connection(CLUSTER, "plc-1") + ":watch";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final AttachDomain planned = new AttachDomain(null, CLUSTER, "plc-1", "TIDBCLOUD_MANAGED", "u1.plc",
            List.of(new Domain("a.u1.plc", null, null), new Domain("b.u1.plc", null, null)), null, null);

    @Test
    void aDryRunAsksTheApiToValidateOnlyAndPrintsItsPlan() throws Exception {
        cli.api.on("POST", ATTACH, ok(planned));

        Run json = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "--dry-run", "-o", "json");
        Run text = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "tidbcloud_managed", "--unique-name", "u1.plc", "--dry-run");

        assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
        assertEquals(PlcApi.JSON.valueToTree(planned), json.json());
        assertEquals(ExitCodes.OK, text.exitCode(), text.toString());
        assertEquals(List.of("unique name u1.plc:", "a.u1.plc", "b.u1.plc"), text.lines(),
                "the unique name, then one domain a line (ticloud's text: TicloudOutputTest)");
        List<StubApi.Request> sent = cli.api.requests("POST", ATTACH);
        assertEquals(json("{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\"}, \"validateOnly\": true}"), sent.get(0).json());
        assertEquals(json("{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\", \"uniqueName\": \"u1.plc\"},"
                + " \"validateOnly\": true}"), sent.get(1).json());
        assertEquals(2, sent.size());
    }

    @Test
    void onATerminalTheDryRunColoursTheNameAndTheDomainsAsTicloudDoes() {
        cli.onTerminal(120);
        cli.api.on("POST", ATTACH, ok(planned));

        Run run = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "--dry-run");
        Run plain = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "--dry-run", "--no-color");

        // attach.go: color.BlueString(uniqueName), color.GreenString(the domains joined by newlines)
        assertEquals("unique name \u001b[34mu1.plc\u001b[0m:\n\u001b[32ma.u1.plc\nb.u1.plc\u001b[0m\n", run.stdout());
        assertEquals("unique name u1.plc:\na.u1.plc\nb.u1.plc\n", plain.stdout());
    }

    @Test
    void aManagedAttachWithoutUniqueNameTakesTheDryRunsAndHumanOutputIsRows() throws Exception {
        cli.api.on("POST", ATTACH, ok(planned), ok(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
                domain("a.u1.plc", "CREATING"), domain("b.u1.plc", "CREATING"))));

        Run run = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("ad-1\tTIDBCLOUD_MANAGED\tu1.plc\ta.u1.plc\tCREATING\t",
                "ad-1\tTIDBCLOUD_MANAGED\tu1.plc\tb.u1.plc\tCREATING\t"), run.lines());
        List<StubApi.Request> sent = cli.api.requests("POST", ATTACH);
        assertEquals(2, sent.size());
        assertEquals(true, sent.get(0).json().path("validateOnly").asBoolean());
        assertEquals(json("{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\", \"uniqueName\": \"u1.plc\"}}"),
                sent.get(1).json(), "the attach itself, with the dry run's name");
    }

    @Test
    void confluentNeedsItsUniqueName() {
        Run run = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "CONFLUENT");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: missing required option --unique-name"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void aMissingOrUnknownTypeIsAUsageErrorWhenNobodyCanBeAsked() {
        Run run = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1");
        Run unknown = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "ROUTE53");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: missing required option --type (TIDBCLOUD_MANAGED or CONFLUENT)"),
                run.toString());
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void onATerminalConfluentIsChosenAndItsNameAskedFor() throws Exception {
        cli.onTerminal(120).stdin(CLUSTER, "plc-1", "2", "n-abc123.us-east-1");
        cli.api.on("POST", ATTACH, ok(attachment("ad-2", "CONFLUENT", "n-abc123.us-east-1",
                domain("*.n-abc123.us-east-1.aws.confluent.cloud", "CREATING"))));

        Run run = cli.run("plc", "attach-domains", "--no-color");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.stdout().startsWith("Cluster id: Connection id: Domain type:\n  1) TIDBCLOUD_MANAGED\n"
                + "  2) CONFLUENT\nChoose 1-2: Confluent unique name (<network-id>.<region>, e.g. n-abc123.us-east-1): "),
                run.toString());
        assertEquals(json("{\"attachDomain\": {\"type\": \"CONFLUENT\", \"uniqueName\": \"n-abc123.us-east-1\"}}"),
                cli.api.only("POST", ATTACH).json());
    }

    @Test
    void onATerminalTheDryRunsNameIsConfirmedBeforeAttaching() {
        cli.onTerminal(120).stdin(CLUSTER, "plc-1", "1", "n");
        cli.api.on("POST", ATTACH, ok(planned));

        Run run = cli.run("plc", "attach-domains");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertTrue(run.stdout().endsWith("Attach the domains of unique name u1.plc? [y/N]: "), run.toString());
        assertEquals("Nothing attached.\n", run.stderr());
        assertEquals(1, cli.api.requests().size(), "only the dry run");
        assertTrue(cli.api.requests().get(0).json().path("validateOnly").asBoolean());
    }

    @Test
    void waitFollowsTheAttachmentsDomainsUntilAllAreActive() {
        cli.api.on("POST", ATTACH, ok(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
                domain("a.u1.plc", "CREATING"), domain("b.u1.plc", "CREATING"))));
        AttachDomain allActive = attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
                domain("a.u1.plc", "ACTIVE"), domain("b.u1.plc", "ACTIVE"));
        cli.api.on("GET", WATCH, StubApi.streamThenHold(
                Sse.snapshot(1, active(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
                        domain("a.u1.plc", "CREATING"), domain("b.u1.plc", "CREATING")))),
                Sse.snapshot(2, active(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
                        domain("a.u1.plc", "ACTIVE"), domain("b.u1.plc", "CREATING")))),
                Sse.snapshot(3, active(allActive))));

        Run run = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "--unique-name", "u1.plc", "--wait", "--timeout", "20s", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(allActive), run.json(), "the attachment as the stream last showed it");
        assertEquals("""
                Attachment ad-1 requested; waiting for its domains to be ACTIVE
                [t] a.u1.plc CREATING, b.u1.plc CREATING
                [t] a.u1.plc ACTIVE, b.u1.plc CREATING
                [t] a.u1.plc ACTIVE, b.u1.plc ACTIVE
                """, run.progress());
    }

    @Test
    void waitEndsWithExit5WhenADomainFails() {
        cli.api.on("POST", ATTACH, ok(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc", domain("a.u1.plc", "CREATING"))));
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.snapshot(1, active(attachment("ad-1", "TIDBCLOUD_MANAGED",
                "u1.plc", new Domain("a.u1.plc", "FAILED", "the hosted zone limit is reached"))))));

        Run run = cli.run("plc", "attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "--unique-name", "u1.plc", "--wait", "--timeout", "20s");

        assertEquals(ExitCodes.FAILED, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("Error: domain a.u1.plc FAILED: the hosted zone limit is reached\n"), run.toString());
    }

    private static PrivateLinkConnection active(AttachDomain attached) {
        return aws("plc-1", "orders-kafka", ACTIVE, null, "vpce-0a1b2c3d4e5f67890", List.of(attached));
    }
}
