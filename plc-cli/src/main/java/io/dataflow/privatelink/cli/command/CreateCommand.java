package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.cli.progress.Goal;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.api.AlicloudEndpointService;
import io.dataflow.privatelink.contract.api.AwsEndpointService;
import io.dataflow.privatelink.contract.api.CreatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates a connection. The request carries an idempotency key and is sent again with the same key when
 * the connection to the API breaks, so a retry never makes a second connection.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a private link connection.")
public class CreateCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Option(names = "--display-name", paramLabel = "NAME", description = "The connection's name.")
    String displayName;

    @Option(names = "--type", paramLabel = "TYPE", description = "AWS_ENDPOINT_SERVICE or ALICLOUD_ENDPOINT_SERVICE.")
    ConnectionType type;

    @Option(names = "--aws.endpoint-service-name", paramLabel = "NAME",
            description = "The AWS endpoint service (com.amazonaws.vpce.<region>.vpce-svc-…).")
    String awsServiceName;

    @Option(names = "--aws.endpoint-service-region", paramLabel = "REGION",
            description = "The AWS endpoint service's region (default: the one its name says).")
    String awsServiceRegion;

    @Option(names = "--alicloud.endpoint-service-name", paramLabel = "NAME",
            description = "The Alibaba Cloud endpoint service (com.aliyuncs.privatelink.<region>.epsrv-…).")
    String alicloudServiceName;

    @Mixin
    WaitOptions waitOptions;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String name = required(displayName, "--display-name", "Display name", ApiCommand::nonEmpty);
        ConnectionType connectionType = type != null ? type : inferredType().orElseGet(() -> {
            if (!mayPrompt()) {
                throw usage("missing required option --type (AWS_ENDPOINT_SERVICE or ALICLOUD_ENDPOINT_SERVICE)");
            }
            return ConnectionType.valueOf(prompter().choose("Connection type",
                    Arrays.stream(ConnectionType.values()).map(Enum::name).toList()));
        });
        boolean aws = connectionType == ConnectionType.AWS_ENDPOINT_SERVICE;
        String flag = aws ? "--aws.endpoint-service-name" : "--alicloud.endpoint-service-name";
        if (aws ? alicloudServiceName != null : awsServiceName != null || awsServiceRegion != null) {
            throw usage("--type " + connectionType + " takes " + flag + ", not the other cloud's flags");
        }
        String service = required(aws ? awsServiceName : alicloudServiceName, flag, "Endpoint service name",
                value -> EndpointServiceNames.regionOf(connectionType, value).isPresent() ? Optional.empty()
                        : Optional.of("'" + value + "' is not an endpoint service name of " + connectionType
                        + "; expected e.g. " + EndpointServiceNames.example(connectionType)));
        if (awsServiceRegion != null && !EndpointServiceNames.isAwsRegion(awsServiceRegion)) {
            throw usage("invalid value for --aws.endpoint-service-region: '" + awsServiceRegion
                    + "' is not an AWS region (e.g. us-east-1)");
        }

        PrivateLinkConnection requested = new PrivateLinkConnection(null, null, name, null, null, null, null, null,
                connectionType, null, aws ? new AwsEndpointService(service, awsServiceRegion, null, null) : null,
                aws ? null : new AlicloudEndpointService(service, null, null));
        String key = UUID.randomUUID().toString();
        PrivateLinkConnection created = api().call("POST", connectionsPath(clusterId),
                new CreatePrivateLinkConnectionBody(requested), Map.of("Idempotency-Key", key),
                PrivateLinkConnection.class, true);

        PrivateLinkConnection result = created;
        if (waitOptions.wait) {
            err().println("Private link connection " + created.privateLinkConnectionId() + " created; waiting for ACTIVE");
            result = progress().follow(clusterId, created.privateLinkConnectionId(),
                    Goal.state("ACTIVE"), waitOptions.timeout);
        }
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (asTicloudPrintsIt(output)) {
            // ticloud: internal/cli/serverless/privatelink/create.go
            printer.line("Private link connection " + result.privateLinkConnectionId() + " created");
        } else if (printer.format().tabular()) {
            printer.line("Private link connection " + result.privateLinkConnectionId() + " (" + result.displayName()
                    + ") is " + result.state() + ".");
        } else {
            printer.data(result);
        }
        return ExitCodes.OK;
    }

    /** The type the one service flag given implies. */
    private Optional<ConnectionType> inferredType() {
        if (awsServiceName != null && alicloudServiceName == null) {
            return Optional.of(ConnectionType.AWS_ENDPOINT_SERVICE);
        }
        if (alicloudServiceName != null && awsServiceName == null) {
            return Optional.of(ConnectionType.ALICLOUD_ENDPOINT_SERVICE);
        }
        return Optional.empty();
    }
}
