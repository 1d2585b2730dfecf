package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.AttachDomain;
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

/** {@code plc detach-domains}: one attachment's domains; {@code --wait} until the attachment is gone. */
class DetachDomainsCommandTest {

    private static final String DETACH = connection(CLUSTER, "plc-1") + ":detachDomains";
    private static final String WATCH = connection(CLUSTER, "plc-1") + ":watch";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final AttachDomain detaching = attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
            domain("a.u1.plc", "DELETING"), domain("b.u1.plc", "DELETING"));

    @Test
    void detachSendsTheAttachmentIdAndHumanOutputShowsItsDomainsDeleting() throws Exception {
        cli.api.on("POST", DETACH, ok(detaching));

        Run rows = cli.run("plc", "detach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--attach-domain-id", "ad-1", "-o", "human");
        Run json = cli.run("plc", "detach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--attach-domain-id", "ad-1", "-o", "json");

        assertEquals(ExitCodes.OK, rows.exitCode(), rows.toString());
        assertEquals(List.of("ad-1\tTIDBCLOUD_MANAGED\tu1.plc\ta.u1.plc\tDELETING\t",
                "ad-1\tTIDBCLOUD_MANAGED\tu1.plc\tb.u1.plc\tDELETING\t"), rows.lines());
        assertEquals(PlcApi.JSON.valueToTree(detaching), json.json());
        for (StubApi.Request sent : cli.api.requests("POST", DETACH)) {
            assertEquals(json("{\"attachDomainId\": \"ad-1\"}"), sent.json());
        }
        assertEquals(2, cli.api.requests().size(), "a detach is not retried");
    }

    @Test
    void waitFollowsTheStreamUntilTheAttachmentIsGone() {
        cli.api.on("POST", DETACH, ok(detaching));
        cli.api.on("GET", WATCH, StubApi.streamThenHold(
                Sse.snapshot(1, aws("plc-1", "orders-kafka", ACTIVE, null, "vpce-1", List.of(detaching))),
                Sse.snapshot(2, aws("plc-1", "orders-kafka", ACTIVE, null, "vpce-1", List.of()))));

        Run run = cli.run("plc", "detach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--attach-domain-id", "ad-1", "--wait", "--timeout", "20s", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("Attachment ad-1 is detached.\n", run.stdout());
        assertEquals("[t] a.u1.plc DELETING, b.u1.plc DELETING\n[t] detached\n", run.progress());
    }

    @Test
    void waitEndsWellWhenTheWholeConnectionIsDeleted() {
        cli.api.on("POST", DETACH, ok(detaching));
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.deleted(9, "plc-1")));

        Run run = cli.run("plc", "detach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--attach-domain-id", "ad-1", "--wait", "--timeout", "20s", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("Attachment ad-1 is detached.\n", run.stdout());
    }

    @Test
    void aMissingAttachmentIdIsAUsageErrorWhenPiped() {
        Run run = cli.run("plc", "detach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: missing required option --attach-domain-id"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }
}
