package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.Connections.with;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.CREATING;
import static io.dataflow.privatelink.contract.ConnectionState.DELETING;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static io.dataflow.privatelink.contract.FailureReason.REJECTED_BY_OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc wait}: a scripted status stream → the exit code; resuming after a break without missing a change. */
class WaitCommandTest {

    private static final String PLC_1 = connection(CLUSTER, "plc-1");
    private static final String WATCH = PLC_1 + ":watch";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PrivateLinkConnection creating = aws("plc-1", "orders-kafka", CREATING);
    private final PrivateLinkConnection pending = aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE, null, "vpce-1", null);
    private final PrivateLinkConnection active = aws("plc-1", "orders-kafka", ACTIVE, null, "vpce-1", null);

    private Run waitFor(String condition, String... more) {
        List<String> args = new ArrayList<>(List.of("plc", "wait", "-c", CLUSTER,
                "--private-link-connection-id", "plc-1", "--for", condition));
        args.addAll(Arrays.asList(more));
        if (!args.contains("--timeout")) {
            args.addAll(List.of("--timeout", "20s")); // a regression fails instead of waiting 30 minutes
        }
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void theStateReachedEndsTheWaitAndJsonIsItsSnapshot() {
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.snapshot(1, creating), Sse.snapshot(2, pending)));

        Run run = waitFor("state=PENDING_ACCEPTANCE", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(pending), run.json());
        assertEquals("text/event-stream", cli.api.only("GET", WATCH).header("Accept"));
    }

    @Test
    void humanOutputIsOneSentenceAndTheStateMayBeInAnyCase() {
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.snapshot(1, pending), Sse.snapshot(2, active)));

        Run run = waitFor("state=active");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("plc-1 is ACTIVE\n", run.stdout());
        assertTrue(run.progress().startsWith("[t] PENDING_ACCEPTANCE\n"), run.toString());
        assertTrue(run.progress().endsWith("[t] ACTIVE\n"), run.toString());
    }

    @Test
    void failedIsExit5WithTheReasonsCodeAndMessage() {
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.snapshot(1, pending), Sse.snapshot(2,
                with(aws("plc-1", "orders-kafka", FAILED, "the endpoint was rejected", "vpce-1", null), REJECTED_BY_OWNER,
                        null))));

        Run run = waitFor("state=ACTIVE");

        assertEquals(ExitCodes.FAILED, run.exitCode(), run.toString());
        assertTrue(run.progress().contains("[t] FAILED (the endpoint was rejected)\n"), run.toString());
        assertTrue(run.stderr().endsWith("Error: plc-1 FAILED (REJECTED_BY_OWNER): the endpoint was rejected\n"),
                run.toString());
        assertEquals("", run.stdout());
    }

    @Test
    void atPendingAcceptanceTheNextStepNamesTheDeadlineOnceInLocalTime() {
        Instant deadline = Instant.now().plus(Duration.ofDays(6)).plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        PrivateLinkConnection waiting = with(pending, null, deadline);
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.snapshot(1, creating), Sse.snapshot(2, waiting),
                Sse.snapshot(3, waiting), Sse.snapshot(4, active)));
        cli.env("TZ", "America/New_York");

        Run run = waitFor("state=ACTIVE");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)
                .format(deadline.atZone(ZoneId.of("America/New_York")));
        assertEquals("""
                [t] CREATING
                [t] PENDING_ACCEPTANCE
                next: accept endpoint vpce-1 in your endpoint service vpce-svc-0123456789abcdef0 (AWS account that owns it):
                  aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id vpce-svc-0123456789abcdef0 --vpc-endpoint-ids vpce-1
                the owner must accept before %s (in 6 days), or the endpoint is removed
                [t] ACTIVE
                """.formatted(local), run.progress());
    }

    @Test
    void theTimeoutIsExit3() {
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.snapshot(1, pending), Sse.heartbeat()));

        Run run = waitFor("state=ACTIVE", "--timeout", "PT0.3S");

        assertEquals(ExitCodes.TIMED_OUT, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("Error: timed out before a final state (--timeout)\n"), run.toString());
        assertEquals("", run.stdout());
    }

    @Test
    void deletedEndsAWaitForDeletedWell() {
        cli.api.on("GET", WATCH, StubApi.streamThenHold(
                Sse.snapshot(1, aws("plc-1", "orders-kafka", DELETING)), Sse.deleted(2, "plc-1")));

        Run run = waitFor("deleted");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("plc-1 is deleted\n", run.stdout());
    }

    @Test
    void deletedEndsAWaitForAStateWithExit1() {
        cli.api.on("GET", WATCH, StubApi.streamThenHold(Sse.snapshot(1, pending), Sse.deleted(2, "plc-1")));

        Run run = waitFor("state=ACTIVE");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("Error: the connection was deleted before it was ACTIVE\n"), run.toString());
    }

    @Test
    void aConnectionNotYetOnTheStreamButFoundIsWaitedFor() {
        // the stream knows a connection once projected; the get waits for this caller's own writes
        cli.api.on("GET", WATCH, error(404, 5, "not found"), StubApi.streamThenHold(Sse.snapshot(3, active)));
        cli.api.on("GET", PLC_1, ok(creating));

        Run run = waitFor("state=ACTIVE");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("GET " + WATCH, "GET " + PLC_1, "GET " + WATCH), cli.api.paths());
    }

    @Test
    void aConnectionNeitherOnTheStreamNorFoundIsDeleted() {
        cli.api.on("GET", WATCH, error(404, 5, "not found"));
        cli.api.on("GET", PLC_1, error(404, 5, "not found"));

        Run run = waitFor("state=ACTIVE");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("Error: the connection was deleted before it was ACTIVE\n"), run.toString());
    }

    @Test
    void aStreamThatEndsIsResumedAfterTheLastEventSeen() {
        cli.api.on("GET", WATCH, StubApi.stream(Sse.snapshot(7, creating)),
                StubApi.stream(Sse.snapshot(8, pending), Sse.resync(12)),
                StubApi.streamThenHold(Sse.snapshot(13, active)));

        Run run = waitFor("state=ACTIVE");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        List<StubApi.Request> opened = cli.api.requests("GET", WATCH);
        assertEquals(3, opened.size());
        assertNull(opened.get(0).header("Last-Event-ID"));
        assertEquals("7", opened.get(1).header("Last-Event-ID"), "after a break: the last event seen");
        assertEquals("12", opened.get(2).header("Last-Event-ID"), "after a resync: where the server said");
        assertEquals("""
                [t] CREATING
                [t] PENDING_ACCEPTANCE
                next: accept endpoint vpce-1 in your endpoint service vpce-svc-0123456789abcdef0 (AWS account that owns it):
                  aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id vpce-svc-0123456789abcdef0 --vpc-endpoint-ids vpce-1
                [t] ACTIVE
                """, run.progress(), "each change once, across the reconnections");
    }

    @Test
    void aStreamRefusedForTheTokenIsExit4() {
        cli.api.on("GET", WATCH, error(401, 16, "the bearer token has expired"));

        Run run = waitFor("state=ACTIVE");

        assertEquals(ExitCodes.NOT_ALLOWED, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: UNAUTHENTICATED (code 16, HTTP 401)"), run.toString());
    }

    @ParameterizedTest(name = "--for {0} --timeout {1}")
    @CsvSource({"later, 10m", "state=GONE, 10m", "state=ACTIVE, soon", "state=ACTIVE, 0s"})
    void aBadConditionOrTimeoutIsAUsageErrorThatSendsNothing(String condition, String timeout) {
        Run run = waitFor(condition, "--timeout", timeout);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: "), run.toString());
        assertTrue(run.stderr().contains(condition.equals("state=ACTIVE") ? "--timeout" : "--for"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void forIsRequired() {
        Run run = cli.run("plc", "wait", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("--for"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }
}
