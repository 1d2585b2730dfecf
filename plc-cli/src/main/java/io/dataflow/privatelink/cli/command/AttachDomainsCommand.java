package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.cli.progress.Goal;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AttachDomainsBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/**
 * Attaches domains to a connection. {@code --dry-run} prints the unique name and the domains it would
 * make (for TIDBCLOUD_MANAGED the server generates the name); a managed attach without
 * {@code --unique-name} takes the dry run's.
 */
@Command(name = "attach-domains", mixinStandardHelpOptions = true, description = "Attach domains to a private link connection.")
public class AttachDomainsCommand extends ApiCommand {

    enum DomainType { TIDBCLOUD_MANAGED, CONFLUENT }

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Option(names = "--type", paramLabel = "TYPE", description = "TIDBCLOUD_MANAGED or CONFLUENT.")
    DomainType type;

    @Option(names = "--unique-name", paramLabel = "NAME",
            description = "CONFLUENT: <network-id>.<region> of the Confluent cluster; TIDBCLOUD_MANAGED: the dry run's.")
    String uniqueName;

    @Option(names = "--dry-run", description = "Show the unique name and the domains; change nothing.")
    boolean dryRun;

    @Mixin
    WaitOptions waitOptions;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String connectionId = connectionId(connection);
        DomainType domainType = type;
        if (domainType == null) {
            if (!mayPrompt()) {
                throw usage("missing required option --type (TIDBCLOUD_MANAGED or CONFLUENT)");
            }
            domainType = DomainType.valueOf(prompter().choose("Domain type",
                    List.of(DomainType.TIDBCLOUD_MANAGED.name(), DomainType.CONFLUENT.name())));
        }
        String name = uniqueName;
        if (domainType == DomainType.CONFLUENT && (name == null || name.isBlank())) {
            name = required(null, "--unique-name", "Confluent unique name (<network-id>.<region>, e.g. n-abc123.us-east-1)",
                    ApiCommand::nonEmpty);
        }
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (dryRun) {
            AttachDomain planned = attach(clusterId, connectionId, domainType, name, true);
            if (printer.format().tabular()) {
                // ticloud (internal/cli/serverless/privatelink/attach.go): the name in blue, the domains in green
                boolean color = printer.terminal().color();
                printer.line("unique name " + colored(planned.uniqueName(), BLUE, color) + ":\n"
                        + colored(String.join("\n", DetachDomainsCommand.domainNames(planned)), GREEN, color));
            } else {
                printer.data(planned);
            }
            return ExitCodes.OK;
        }
        if (name == null || name.isBlank()) {
            name = attach(clusterId, connectionId, domainType, null, true).uniqueName();
            if (mayPrompt() && !prompter().confirm("Attach the domains of unique name " + name + "?")) {
                err().println("Nothing attached.");
                return ExitCodes.ERROR;
            }
        }
        AttachDomain attached = attach(clusterId, connectionId, domainType, name, false);
        if (waitOptions.wait) {
            err().println("Attachment " + attached.attachDomainId() + " requested; waiting for its domains to be ACTIVE");
            var last = progress().follow(clusterId, connectionId,
                    Goal.attached(attached.attachDomainId()), waitOptions.timeout);
            String id = attached.attachDomainId();
            attached = last.attachedDomains().stream().filter(a -> a.attachDomainId().equals(id)).findFirst()
                    .orElse(attached);
        }
        if (asTicloudPrintsIt(output)) {
            printer.data(attached); // ticloud: JSON (internal/cli/serverless/privatelink/attach.go)
        } else if (printer.format().tabular()) {
            printer.table(ConnectionTables.attachments(List.of(attached)));
        } else {
            printer.data(attached);
        }
        return ExitCodes.OK;
    }

    private static final String BLUE = "\u001b[34m";
    private static final String GREEN = "\u001b[32m";

    private static String colored(String text, String ansi, boolean color) {
        return color ? ansi + text + "\u001b[0m" : text;
    }

    private AttachDomain attach(String clusterId, String connectionId, DomainType domainType, String name, boolean validateOnly) {
        AttachDomainsBody body = new AttachDomainsBody(new AttachDomain(null, null, null, domainType.name(), name,
                null, null, null), validateOnly ? Boolean.TRUE : null);
        return api().call("POST", connectionPath(clusterId, connectionId) + ":attachDomains", body, Map.of(),
                AttachDomain.class, validateOnly);
    }
}
