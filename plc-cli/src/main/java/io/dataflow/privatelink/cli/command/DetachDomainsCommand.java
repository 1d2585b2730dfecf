package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.cli.progress.Goal;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.DetachDomainsBody;
import io.dataflow.privatelink.contract.api.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** Detaches one attachment's domains from a connection. */
@Command(name = "detach-domains", mixinStandardHelpOptions = true, description = "Detach domains from a private link connection.")
public class DetachDomainsCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Option(names = "--attach-domain-id", paramLabel = "ID", description = "The attachment to detach.")
    String attachDomainId;

    @Mixin
    WaitOptions waitOptions;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String connectionId = connectionId(connection);
        String attachment = required(attachDomainId, "--attach-domain-id", "Attach domain id", ApiCommand::nonEmpty);
        AttachDomain detaching = api().call("POST", connectionPath(clusterId, connectionId) + ":detachDomains",
                new DetachDomainsBody(attachment), Map.of(), AttachDomain.class, false);
        if (waitOptions.wait) {
            progress().follow(clusterId, connectionId, Goal.detached(attachment),
                    waitOptions.timeout);
        }
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (asTicloudPrintsIt(output)) {
            // ticloud: internal/cli/serverless/privatelink/detach.go
            printer.line("Successfully detached domains:\n" + String.join("\n", domainNames(detaching)));
        } else if (printer.format().tabular()) {
            if (waitOptions.wait) {
                printer.line("Attachment " + attachment + " is detached.");
            } else {
                printer.table(ConnectionTables.attachments(List.of(detaching)));
            }
        } else {
            printer.data(detaching);
        }
        return ExitCodes.OK;
    }

    static List<String> domainNames(AttachDomain attachment) {
        return attachment.domains() == null ? List.of() : attachment.domains().stream().map(Domain::name).toList();
    }
}
