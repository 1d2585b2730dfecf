package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.CreateCommandTest.json;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.connectivity.CheckKind.CONNECTION_ACTIVE;
import static io.dataflow.privatelink.contract.connectivity.CheckKind.DOMAIN_DNS;
import static io.dataflow.privatelink.contract.connectivity.CheckKind.KAFKA_ADVERTISED_HOST;
import static io.dataflow.privatelink.contract.connectivity.CheckKind.KAFKA_IDLE_TIMEOUT;
import static io.dataflow.privatelink.contract.connectivity.CheckKind.TCP_CONNECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * {@code plc test-connectivity}: the request it sends, the wait for its own test to end, the checks as rows with
 * a failed check's advice under it, the exit code (6 when a check failed), and flags refused before anything is sent.
 */
class TestConnectivityCommandTest {

    private static final String PLC_1 = connection(CLUSTER, "plc-1");
    private static final String TEST = PLC_1 + ":testConnectivity";
    private static final String TEST_ID = "plct-abcdefghijklmnopqrstuvwxyz";
    private static final Instant REQUESTED = Instant.parse("2026-12-08T03:00:00Z");
    private static final String DOMAIN = "*.n1demo.us-east-1.aws.confluent.cloud";
    private static final String ADVICE = "Set the broker's advertised.listeners to a name under an attached domain, e.g."
            + " b1.n1demo.us-east-1.aws.confluent.cloud:9092";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private static ConnectivityTest running(String testId) {
        return new ConnectivityTest(testId, ConnectivityTestState.RUNNING, null, 9092, true, "alice@example.com",
                REQUESTED, null, null);
    }

    private static ConnectivityTest ended(String testId, ConnectivityCheck... checks) {
        return running(testId).completed(List.of(checks), REQUESTED.plusSeconds(2));
    }

    private static final ConnectivityCheck ACTIVE_PASS = ConnectivityCheck.pass(CONNECTION_ACTIVE, null, null,
            "ACTIVE, endpoint vpce-0abc");
    private static final ConnectivityCheck DNS_PASS = ConnectivityCheck.pass(DOMAIN_DNS, DOMAIN, null,
            "resolves to vpce-0abc (127.64.1.2, 127.64.1.3)");
    private static final ConnectivityCheck TCP_PASS = ConnectivityCheck.pass(TCP_CONNECT,
            "b0.n1demo.us-east-1.aws.confluent.cloud:9092", "use1-az1", "connected to 127.64.1.2").took(3);
    private static final ConnectivityCheck ADVERTISED_FAIL = ConnectivityCheck.fail(KAFKA_ADVERTISED_HOST,
            "ip-10-1-2-3.ec2.internal:9092", null,
            "broker 1 advertises ip-10-1-2-3.ec2.internal, which no attached domain covers", ADVICE);
    /** A passed check with a hint: shown with -o wide only. */
    private static final ConnectivityCheck IDLE_HINT = ConnectivityCheck.pass(KAFKA_IDLE_TIMEOUT, null, null,
            "the endpoint drops idle connections after 350 s").withAdvice("Set connections.max.idle.ms below 350000");

    private static PrivateLinkConnection withTest(ConnectivityTest test) {
        return aws("plc-1", "orders-kafka", ACTIVE, null, "vpce-0abc", null).withConnectivityTest(test);
    }

    private Run test(String... flags) {
        List<String> args = new ArrayList<>(List.of("plc", "test-connectivity", "-c", CLUSTER,
                "--private-link-connection-id", "plc-1"));
        args.addAll(Arrays.asList(flags));
        if (!args.contains("--timeout")) {
            args.addAll(List.of("--timeout", "20s")); // a regression fails instead of waiting 2 minutes
        }
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void allChecksPassedIsExit0WithOneRowACheckAndTheSummary() {
        cli.api.on("POST", TEST, ok(running(TEST_ID)));
        cli.api.on("GET", PLC_1, ok(withTest(ended(TEST_ID, ACTIVE_PASS, DNS_PASS, TCP_PASS))));

        Run run = test();

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        // Status, Check, Target, Zone, Observed, Time: six fields on every row
        assertEquals(List.of("PASS\tCONNECTION_ACTIVE\t\t\tACTIVE, endpoint vpce-0abc\t",
                "PASS\tDOMAIN_DNS\t" + DOMAIN + "\t\tresolves to vpce-0abc (127.64.1.2, 127.64.1.3)\t",
                "PASS\tTCP_CONNECT\tb0.n1demo.us-east-1.aws.confluent.cloud:9092\tuse1-az1\tconnected to 127.64.1.2\t3 ms",
                "Connectivity test " + TEST_ID + " passed: 3 checks"), run.lines());
        assertEquals("Connectivity test " + TEST_ID + " started; waiting for its checks\n", run.stderr());
        assertEquals(List.of("POST " + TEST, "GET " + PLC_1), cli.api.paths());
    }

    @Test
    void aFailedCheckIsExit6WithItsAdviceOnTheNextLine() {
        cli.api.on("POST", TEST, ok(running(TEST_ID)));
        cli.api.on("GET", PLC_1, ok(withTest(ended(TEST_ID, ACTIVE_PASS, ADVERTISED_FAIL, IDLE_HINT))));

        Run piped = test("--kafka");
        Run table = cli.onTerminal(250).run("plc", "test-connectivity", "-c", CLUSTER, "--private-link-connection-id",
                "plc-1", "--kafka", "--no-color");

        assertEquals(ExitCodes.CHECK_FAILED, piped.exitCode(), piped.toString());
        assertEquals(List.of("PASS\tCONNECTION_ACTIVE\t\t\tACTIVE, endpoint vpce-0abc\t",
                "FAIL\tKAFKA_ADVERTISED_HOST\tip-10-1-2-3.ec2.internal:9092\t\tbroker 1 advertises"
                        + " ip-10-1-2-3.ec2.internal, which no attached domain covers\t",
                "    advice: " + ADVICE,
                "PASS\tKAFKA_IDLE_TIMEOUT\t\t\tthe endpoint drops idle connections after 350 s\t",
                "Connectivity test " + TEST_ID + " failed: 1 of 3 checks failed"), piped.lines(),
                "only a failed check's advice; a passed check's hint is -o wide's");
        assertEquals(ExitCodes.CHECK_FAILED, table.exitCode(), table.toString());
        List<String> lines = table.lines();
        assertTrue(lines.get(0).matches("Status +Check +Target +Zone +Observed +Time"), table.toString());
        assertTrue(lines.get(2).startsWith("FAIL    KAFKA_ADVERTISED_HOST  ip-10-1-2-3.ec2.internal:9092"), table.toString());
        assertEquals("    advice: " + ADVICE, lines.get(3));
        assertEquals(6, lines.size(), table.toString());
        assertTrue(!piped.stderr().contains("Error"), "a failed check is the result, not an error: " + piped);
    }

    @Test
    void wideShowsEveryChecksAdviceAndColourMarksTheStatus() {
        cli.api.on("POST", TEST, ok(running(TEST_ID)));
        cli.api.on("GET", PLC_1, ok(withTest(ended(TEST_ID, ADVERTISED_FAIL, IDLE_HINT))));

        Run wide = test("-o", "wide");
        Run coloured = cli.onTerminal(250).run("plc", "test-connectivity", "-c", CLUSTER,
                "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.CHECK_FAILED, wide.exitCode(), wide.toString());
        assertEquals(List.of("    advice: " + ADVICE, "    advice: Set connections.max.idle.ms below 350000"),
                wide.lines().stream().filter(line -> line.startsWith("    advice: ")).toList());
        assertTrue(coloured.stdout().contains("\u001b[31mFAIL\u001b[0m"), coloured.toString());
        assertTrue(coloured.stdout().contains("\u001b[32mPASS\u001b[0m"), coloured.toString());
    }

    @Test
    void jsonIsTheApisConnectivityTestAsSentAndAFailureStillExits6() throws Exception {
        String sent = """
                {"privateLinkConnectionId": "plc-1", "clusterId": "%s", "state": "ACTIVE",
                 "connectivityTest": {"testId": "%s", "state": "FAILED", "port": 9092, "kafka": true,
                   "requestedBy": "alice@example.com", "requestTime": "2026-12-08T03:00:00Z",
                   "completeTime": "2026-12-08T03:00:02Z", "probeVersion": 2,
                   "checks": [{"check": "CONNECTION_ACTIVE", "status": "PASS", "observed": "ACTIVE"},
                              {"check": "PRIVATE_ZONE_VPC", "status": "FAIL", "observed": "the zone is not associated",
                               "advice": "Associate the zone"}]}}""".formatted(CLUSTER, TEST_ID);
        cli.api.on("POST", TEST, ok(running(TEST_ID)));
        cli.api.on("GET", PLC_1, ok(sent));

        Run json = test("-o", "json");
        Run human = test();

        assertEquals(ExitCodes.CHECK_FAILED, json.exitCode(), json.toString());
        assertEquals(PlcApi.JSON.readTree(sent).get("connectivityTest"), json.json(),
                "the test as the API sent it: a field and a check kind this build lacks included");
        assertEquals(List.of("PASS\tCONNECTION_ACTIVE\t\t\tACTIVE\t",
                "FAIL\tPRIVATE_ZONE_VPC\t\t\tthe zone is not associated\t", "    advice: Associate the zone",
                "Connectivity test " + TEST_ID + " failed: 1 of 2 checks failed"), human.lines(),
                "a check kind newer than this build is shown as the API named it");
    }

    @Test
    void itWaitsWhileTheConnectionShowsAnOlderTestOrThisOneRunning() {
        cli.api.on("POST", TEST, ok(running(TEST_ID)));
        cli.api.on("GET", PLC_1,
                ok(withTest(ended("plct-olderolderolderolderolderol", ADVERTISED_FAIL))), // not yet this test's
                ok(withTest(running(TEST_ID))),
                ok(withTest(ended(TEST_ID, ACTIVE_PASS))));

        Run run = test();

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("PASS\tCONNECTION_ACTIVE\t\t\tACTIVE, endpoint vpce-0abc\t",
                "Connectivity test " + TEST_ID + " passed: 1 check"), run.lines());
        assertEquals(List.of("POST " + TEST, "GET " + PLC_1, "GET " + PLC_1, "GET " + PLC_1), cli.api.paths());
    }

    @Test
    void aTestStillRunningAtTheTimeoutIsExit3() {
        cli.api.on("POST", TEST, ok(running(TEST_ID)));
        cli.api.on("GET", PLC_1, ok(withTest(running(TEST_ID))));

        Run run = test("--timeout", "PT0.3S");

        assertEquals(ExitCodes.TIMED_OUT, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("Error: timed out before connectivity test " + TEST_ID + " ended (--timeout);"
                + " once it has run, 'plc plc get -c " + CLUSTER + " --private-link-connection-id plc-1' shows its"
                + " checks\n"), run.toString());
        assertEquals("", run.stdout());
    }

    @Test
    void aTestAlreadyRunningIsTheApisErrorAndNothingIsAwaited() {
        cli.api.on("POST", TEST, error(409, 10, "a connectivity test of plc-1 is already running (plct-x); wait for it"));

        Run run = test();

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertEquals("Error: ABORTED (code 10, HTTP 409): a connectivity test of plc-1 is already running (plct-x);"
                + " wait for it\n", run.stderr());
        assertEquals(List.of("POST " + TEST), cli.api.paths(), "no wait after a refusal");
    }

    @Test
    void theBodyHoldsOnlyWhatWasGiven() throws Exception {
        cli.api.on("POST", TEST, ok(running(TEST_ID)));
        cli.api.on("GET", PLC_1, ok(withTest(ended(TEST_ID, ACTIVE_PASS))));

        Run all = test("--port", "9093", "--kafka", "--target", "b0.kafka.example.com:9092", "--target",
                "[2001:db8::1]:9094");
        Run none = test();

        assertEquals(ExitCodes.OK, all.exitCode(), all.toString());
        assertEquals(ExitCodes.OK, none.exitCode(), none.toString());
        List<StubApi.Request> sent = cli.api.requests("POST", TEST);
        assertEquals(json("""
                {"targets": [{"host": "b0.kafka.example.com", "port": 9092}, {"host": "2001:db8::1", "port": 9094}],
                 "port": 9093, "kafka": true}"""), sent.get(0).json());
        assertEquals(json("{}"), sent.get(1).json(), "every field is optional: the API's defaults apply");
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                argumentSet("a target without its port", List.of("--target", "b0.kafka.example.com"),
                        "'b0.kafka.example.com' is not host:port"),
                argumentSet("a target with an empty port", List.of("--target", "b0.kafka.example.com:"),
                        "is not host:port"),
                argumentSet("a target's port 0", List.of("--target", "b0.kafka.example.com:0"),
                        "the port is a number from 1 to 65535"),
                argumentSet("a target's port past 65535", List.of("--target", "b0.kafka.example.com:65536"),
                        "the port is a number from 1 to 65535"),
                argumentSet("a host that is no DNS name", List.of("--target", "b0_kafka!:9092"),
                        "'b0_kafka!' is not a host name"),
                argumentSet("an IPv6 address without brackets", List.of("--target", "2001:db8::1:9092"),
                        "an IPv6 address goes in brackets"),
                argumentSet("a port 0", List.of("--port", "0"), "'0' is not a TCP port"),
                argumentSet("a port past 65535", List.of("--port", "70000"), "'70000' is not a TCP port"),
                argumentSet("a port that is no number", List.of("--port", "kafka"), "'kafka' is not a TCP port"));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void aBadFlagIsAUsageErrorAndNothingIsSent(List<String> flags, String problem) {
        Run run = test(flags.toArray(String[]::new));

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: Invalid value for option '" + flags.get(0) + "'"), run.toString());
        assertTrue(run.stderr().contains(problem), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void bothCommandPathsAndTheHelpNameIt() {
        Run help = cli.run("serverless", "private-link-connection", "test-connectivity", "--help");

        assertEquals(ExitCodes.OK, help.exitCode(), help.toString());
        for (String text : List.of("--port", "--kafka", "--target", "--timeout", "Exit code 6")) {
            assertTrue(help.stdout().contains(text), text + " in " + help);
        }
        assertEquals(List.of(), cli.api.requests());
    }
}
