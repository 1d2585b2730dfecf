package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.GetAvailabilityZonesResponse;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.AWS_SERVICE;
import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.attachment;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.Connections.domain;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.CREATING;
import static io.dataflow.privatelink.contract.ConnectionState.DELETING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A ticloud script's command lines, piped: each prints, byte for byte, what ticloud prints for it. The
 * expectations are read from tidbcloud-cli's sources (github.com/tidbcloud/tidbcloud-cli, read at 19aea6a),
 * {@code internal/cli/serverless/privatelink/<file>.go}, named at each test. ticloud's JSON is
 * {@code output.PrintJson} ({@code internal/output/output.go}: {@code json.MarshalIndent(v, "", "  ")} and a
 * newline) of the generated models, which marshal through Go maps ({@code ToMap} in
 * {@code pkg/tidbcloud/v1beta1/serverless/privatelink/model_*.go}): keys sorted, {@code "key": value}, two
 * spaces a level, {@code <}, {@code >} and {@code &} escaped, times as Go writes them. Its text lines are
 * coloured with fatih/color, which writes no colour when stdout is not a terminal.
 */
class TicloudOutputTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private static final String PLC = "serverless private-link-connection ";

    private final AttachDomain attached = attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
            domain("*.use1-az1.u1.plc", "ACTIVE"), domain("*.use1-az2.u1.plc", "CREATING"));

    /** A connection as the API answers get: domains, a message to escape, an update time with a fraction. */
    private final PrivateLinkConnection described = aws("plc-1", "orders-kafka", ACTIVE, "owner said <yes> & left",
            "vpce-0a1b2c3d4e5f67890", List.of(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc",
                    domain("*.use1-az1.u1.plc", "ACTIVE"))))
            .withUpdateTime(Instant.parse("2026-12-01T10:02:00.120Z"));

    private Run plc(String command, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of((PLC + command).split(" ")));
        args.addAll(List.of(flags));
        Run run = cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        return run;
    }

    @Test
    void createPrintsTheLineTicloudPrints() {
        // create.go: fmt.Fprintln(out, color.GreenString("Private link connection %s created", id))
        cli.api.on("POST", connections(CLUSTER), ok(aws("plc-1", "orders-kafka", CREATING)));

        Run run = plc("create", "-c", CLUSTER, "--display-name", "orders-kafka", "--type", "AWS_ENDPOINT_SERVICE",
                "--aws.endpoint-service-name", AWS_SERVICE);

        assertEquals("Private link connection plc-1 created\n", run.stdout());
    }

    @Test
    void deletePrintsTheLineTicloudPrints() {
        // delete.go: fmt.Fprintln(out, color.GreenString("Private link connection deleted"))
        cli.api.on("DELETE", connection(CLUSTER, "plc-1"), ok(aws("plc-1", "orders-kafka", DELETING)));

        Run run = plc("delete", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "--force");

        assertEquals("Private link connection deleted\n", run.stdout());
    }

    @Test
    void describeAndGetPrintTheConnectionAsTicloudsJson() {
        // describe.go (alias get): output.PrintJson(out, the GetPrivateLinkConnection answer)
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(described));

        Run describe = plc("describe", "-c", CLUSTER, "--private-link-connection-id", "plc-1");
        Run get = plc("get", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals("""
                {
                  "attachedDomains": [
                    {
                      "attachDomainId": "ad-1",
                      "clusterId": "10110",
                      "createTime": "2026-12-01T10:00:00Z",
                      "createdBy": "alice@example.com",
                      "domains": [
                        {
                          "name": "*.use1-az1.u1.plc",
                          "state": "ACTIVE"
                        }
                      ],
                      "privateLinkConnectionId": "plc-1",
                      "type": "TIDBCLOUD_MANAGED",
                      "uniqueName": "u1.plc"
                    }
                  ],
                  "awsEndpointService": {
                    "availabilityZoneIds": [
                      "use1-az1",
                      "use1-az2"
                    ],
                    "endpointId": "vpce-0a1b2c3d4e5f67890",
                    "name": "%s",
                    "region": "us-east-1"
                  },
                  "clusterId": "10110",
                  "createTime": "2026-12-01T10:00:00Z",
                  "createdBy": "alice@example.com",
                  "displayName": "orders-kafka",
                  "message": "owner said \\u003cyes\\u003e \\u0026 left",
                  "privateLinkConnectionId": "plc-1",
                  "state": "ACTIVE",
                  "type": "AWS_ENDPOINT_SERVICE",
                  "updateTime": "2026-12-01T10:02:00.12Z"
                }
                """.formatted(AWS_SERVICE), describe.stdout());
        assertEquals(describe.stdout(), get.stdout());
    }

    @Test
    void listPrintsTicloudsJsonWhenPipedWithOrWithoutOutputHuman() {
        // list.go: if format == "json" || !CanPrompt (stdout not a terminal): output.PrintJson(out, the answer)
        cli.api.on("GET", connections(CLUSTER) + "?pageSize=100", ok(new ListPrivateLinkConnectionsResponse(
                List.of(aws("plc-2", "payments", CREATING)), null, 1)));

        Run run = plc("list", "-c", CLUSTER);
        Run human = plc("list", "-c", CLUSTER, "-o", "human");
        Run json = plc("list", "-c", CLUSTER, "-o", "json");

        assertEquals("""
                {
                  "privateLinkConnections": [
                    {
                      "awsEndpointService": {
                        "name": "%s",
                        "region": "us-east-1"
                      },
                      "clusterId": "10110",
                      "createTime": "2026-12-01T10:00:00Z",
                      "createdBy": "alice@example.com",
                      "displayName": "payments",
                      "privateLinkConnectionId": "plc-2",
                      "state": "CREATING",
                      "type": "AWS_ENDPOINT_SERVICE",
                      "updateTime": "2026-12-01T10:00:00Z"
                    }
                  ],
                  "totalSize": 1
                }
                """.formatted(AWS_SERVICE), run.stdout());
        assertEquals(run.stdout(), human.stdout());
        assertEquals(run.stdout(), json.stdout());
    }

    @Test
    void fieldsTicloudsModelsLackArePrintedAsTheApiSentThem() {
        // model_private_link_connection.go has no failureReason or acceptanceDeadline (nor this build's contract
        // quota): UnmarshalJSON keeps them in AdditionalProperties and ToMap writes them back as decoded (a string
        // stays the string sent: the deadline's fraction is not cut as createTime's is)
        String pending = """
                {"privateLinkConnectionId": "plc-1", "displayName": "orders-kafka", "state": "PENDING_ACCEPTANCE",
                 "createTime": "2026-12-01T10:00:00.500Z", "acceptanceDeadline": "2026-12-08T10:00:00.500Z"}""";
        String failed = """
                {"privateLinkConnectionId": "plc-2", "displayName": "payments", "state": "FAILED",
                 "message": "rejected", "failureReason": "REJECTED_BY_OWNER", "quota": {"used": 20, "limit": 20}}""";
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(pending));
        cli.api.on("GET", connections(CLUSTER) + "?pageSize=100", ok("""
                {"privateLinkConnections": [%s, %s], "totalSize": 2}""".formatted(pending, failed)));

        Run describe = plc("describe", "-c", CLUSTER, "--private-link-connection-id", "plc-1");
        Run list = plc("list", "-c", CLUSTER);

        assertEquals("""
                {
                  "acceptanceDeadline": "2026-12-08T10:00:00.500Z",
                  "createTime": "2026-12-01T10:00:00.5Z",
                  "displayName": "orders-kafka",
                  "privateLinkConnectionId": "plc-1",
                  "state": "PENDING_ACCEPTANCE"
                }
                """, describe.stdout());
        assertEquals("""
                {
                  "privateLinkConnections": [
                    {
                      "acceptanceDeadline": "2026-12-08T10:00:00.500Z",
                      "createTime": "2026-12-01T10:00:00.5Z",
                      "displayName": "orders-kafka",
                      "privateLinkConnectionId": "plc-1",
                      "state": "PENDING_ACCEPTANCE"
                    },
                    {
                      "displayName": "payments",
                      "failureReason": "REJECTED_BY_OWNER",
                      "message": "rejected",
                      "privateLinkConnectionId": "plc-2",
                      "quota": {
                        "limit": 20,
                        "used": 20
                      },
                      "state": "FAILED"
                    }
                  ],
                  "totalSize": 2
                }
                """, list.stdout());
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        cli.api.on("GET", connections(CLUSTER) + "?pageSize=100", ok(new ListPrivateLinkConnectionsResponse(
                List.of(), null, 0)));

        assertEquals("""
                {
                  "privateLinkConnections": [],
                  "totalSize": 0
                }
                """, plc("list", "-c", CLUSTER).stdout());
    }

    @Test
    void zonesPrintsTicloudsJson() {
        // zone.go: output.PrintJson(out, the GetPrivateLinkAvailabilityZones answer)
        cli.api.on("GET", connections(CLUSTER) + ":getAvailabilityZones",
                ok(new GetAvailabilityZonesResponse("123456789012", List.of("use1-az1", "use1-az2"))));

        assertEquals("""
                {
                  "accountId": "123456789012",
                  "azIds": [
                    "use1-az1",
                    "use1-az2"
                  ]
                }
                """, plc("zones", "-c", CLUSTER).stdout());
    }

    @Test
    void theDryRunPrintsTheUniqueNameLineAndTheDomains() {
        // attach.go, dry run: fmt.Fprintf(out, "unique name %s:\n%s\n", blue(uniqueName), green(domains joined by \n))
        cli.api.on("POST", connection(CLUSTER, "plc-1") + ":attachDomains", ok(new AttachDomain(null, CLUSTER, "plc-1",
                "TIDBCLOUD_MANAGED", "u1.plc", List.of(new Domain("*.use1-az1.u1.plc", null, null),
                new Domain("*.use1-az2.u1.plc", null, null)), null, null)));

        Run run = plc("attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "--dry-run");

        assertEquals("unique name u1.plc:\n*.use1-az1.u1.plc\n*.use1-az2.u1.plc\n", run.stdout());
    }

    @Test
    void attachPrintsTheAttachmentAsTicloudsJson() {
        // attach.go, not a dry run: output.PrintJson(out, the AttachPrivateLinkDomains answer)
        cli.api.on("POST", connection(CLUSTER, "plc-1") + ":attachDomains", ok(attached));

        Run run = plc("attach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--type", "TIDBCLOUD_MANAGED", "--unique-name", "u1.plc");

        assertEquals("""
                {
                  "attachDomainId": "ad-1",
                  "clusterId": "10110",
                  "createTime": "2026-12-01T10:00:00Z",
                  "createdBy": "alice@example.com",
                  "domains": [
                    {
                      "name": "*.use1-az1.u1.plc",
                      "state": "ACTIVE"
                    },
                    {
                      "name": "*.use1-az2.u1.plc",
                      "state": "CREATING"
                    }
                  ],
                  "privateLinkConnectionId": "plc-1",
                  "type": "TIDBCLOUD_MANAGED",
                  "uniqueName": "u1.plc"
                }
                """, run.stdout());
    }

    @Test
    void detachPrintsTheDetachedDomains() {
        // detach.go: fmt.Fprintf(out, "Successfully detached domains:\n%s\n", green(domains joined by \n))
        cli.api.on("POST", connection(CLUSTER, "plc-1") + ":detachDomains", ok(attached));

        Run run = plc("detach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--attach-domain-id", "ad-1");

        assertEquals("Successfully detached domains:\n*.use1-az1.u1.plc\n*.use1-az2.u1.plc\n", run.stdout());
    }

    @Test
    void ourOwnOutputFlagKeepsItsContract() {
        // -o is this tool's (ticloud's list aside): human stays this tool's line and rows when piped
        cli.api.on("POST", connections(CLUSTER), ok(aws("plc-1", "orders-kafka", CREATING)));
        cli.api.on("POST", connection(CLUSTER, "plc-1") + ":detachDomains", ok(attached));

        Run create = plc("create", "-c", CLUSTER, "--display-name", "orders-kafka",
                "--aws.endpoint-service-name", AWS_SERVICE, "-o", "human");
        Run detach = plc("detach-domains", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--attach-domain-id", "ad-1", "-o", "human");

        assertEquals("Private link connection plc-1 (orders-kafka) is CREATING.\n", create.stdout());
        assertEquals(List.of("ad-1\tTIDBCLOUD_MANAGED\tu1.plc\t*.use1-az1.u1.plc\tACTIVE\t",
                "ad-1\tTIDBCLOUD_MANAGED\tu1.plc\t*.use1-az2.u1.plc\tCREATING\t"), detach.lines());
    }
}
