package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** For shell completion: a cluster's connection ids with their names, one {@code id<TAB>name} per line. */
@Command(name = "__complete-ids", hidden = true)
public class CompleteIdsCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Override
    int run() {
        if (cluster.clusterId == null) {
            return ExitCodes.OK;
        }
        try {
            ListPrivateLinkConnectionsResponse page = api().get(connectionsPath(cluster.clusterId) + "?pageSize=100",
                    ListPrivateLinkConnectionsResponse.class);
            for (PrivateLinkConnection c : page.privateLinkConnections()) {
                out().println(c.privateLinkConnectionId() + "\t" + c.displayName());
            }
        } catch (RuntimeException e) {
            // completion offers nothing rather than an error in the middle of a command line
        }
        return ExitCodes.OK;
    }
}
