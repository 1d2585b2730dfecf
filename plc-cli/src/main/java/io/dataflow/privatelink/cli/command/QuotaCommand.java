package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The cluster's and its project's connection limits and use ({@code GET …:getQuota}, additive). Not a ticloud
 * command: one line a scope by default, piped too; {@code -o json} or {@code -o yaml} for the API's answer.
 */
@Command(name = "quota", mixinStandardHelpOptions = true, description = {
        "The cluster's and its project's connection limits and how many connections use them.",
        "A create past a limit is refused (RESOURCE_EXHAUSTED); a deleted connection frees its place once it is gone."})
public class QuotaCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        JsonNode quota = api().get(connectionsPath(clusterId) + ":getQuota", JsonNode.class);
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (!printer.format().tabular()) {
            printer.data(quota);
            return ExitCodes.OK;
        }
        printer.line(line("cluster", quota.path("cluster").path("clusterId").asText(clusterId), quota.path("cluster")));
        printer.line(line("project", quota.path("project").path("projectId").asText(""), quota.path("project")));
        return ExitCodes.OK;
    }

    /** {@code cluster 1001: 3 of 10 connections used}, and what to do when none is left. */
    static String line(String scope, String id, JsonNode use) {
        long used = use.path("used").asLong();
        long limit = use.path("limit").asLong();
        String line = scope + " " + id + ": " + used + " of " + limit + " connections used";
        return used >= limit ? line + " (the limit is reached: delete connections, or ask for a higher limit)" : line;
    }
}
