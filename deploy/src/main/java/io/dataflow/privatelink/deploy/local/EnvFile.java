package io.dataflow.privatelink.deploy.local;

import io.dataflow.privatelink.cli.config.CliProfiles;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a user or a script needs to talk to the local stack: printed once, and written as shell exports. */
final class EnvFile {

    private final Path file;
    private final Map<String, String> variables = new LinkedHashMap<>();

    EnvFile(LocalStackOptions options, Ec2Simulator ec2, AlicloudSimulator alicloud, DemoSeed.Seeded seeded,
            String token) {
        this.file = options.envFile();
        variables.put("PLC_API", "http://localhost:" + options.apiPort());
        variables.put("PLC_TOKEN", token);
        // The fragment never reaches a server or a log: the page reads it, keeps it in the tab and drops it.
        variables.put("PLC_CONSOLE", "http://localhost:" + options.apiPort() + "/console/#token=" + token);
        variables.put("PLC_AWS_CLUSTER_ID", DemoEnvironment.AWS_CLUSTER_ID);
        variables.put("PLC_ALICLOUD_CLUSTER_ID", DemoEnvironment.ALICLOUD_CLUSTER_ID);
        variables.put("PLC_ALICLOUD_SECOND_CLUSTER_ID", DemoEnvironment.ALICLOUD_SECOND_CLUSTER_ID);
        variables.put("PLC_AWS_SERVICE_NAME", seeded.awsServiceName());
        variables.put("PLC_AWS_SERVICE_ID", seeded.awsServiceId());
        // the demo Kafka: attach the Confluent-style domain its broker advertises, test with --port and --kafka
        variables.put("PLC_DEMO_KAFKA_DOMAIN", DemoEnvironment.DEMO_KAFKA_UNIQUE_NAME);
        variables.put("PLC_DEMO_KAFKA_PORT", String.valueOf(options.demoKafkaPort()));
        variables.put("PLC_AWS_BROKEN_KAFKA_SERVICE_NAME", seeded.awsBrokenKafkaServiceName());
        variables.put("PLC_AWS_BROKEN_KAFKA_SERVICE_ID", seeded.awsBrokenKafkaServiceId());
        variables.put("PLC_DEMO_BROKEN_KAFKA_PORT", String.valueOf(options.demoKafkaPort() + 1));
        variables.put("PLC_EC2_ENDPOINT", ec2.endpoint().toString());
        variables.put("PLC_AWS_CUSTOMER_ACCESS_KEY", DemoEnvironment.AWS_CUSTOMER_ACCESS_KEY);
        variables.put("PLC_AWS_PLATFORM_ACCOUNT_ID", DemoEnvironment.AWS_PLATFORM_ACCOUNT);
        variables.put("PLC_AWS_PLATFORM_VPC", DemoEnvironment.AWS_PLATFORM_VPC);
        // The platform account's simulated keys and a subnet of its VPC: to look at (or, as another control
        // plane sharing the account would, make) endpoints through EC2's own API
        variables.put("PLC_AWS_PLATFORM_ACCESS_KEY", DemoEnvironment.AWS_PLATFORM_ACCESS_KEY);
        variables.put("PLC_AWS_PLATFORM_SUBNET", DemoEnvironment.AWS_ZONES.get(DemoEnvironment.AWS_CLUSTER_ZONES.get(0)).get(1));
        variables.put("PLC_DEPLOYMENT_ID", DemoEnvironment.DEPLOYMENT_ID);
        variables.put("PLC_ALICLOUD_SERVICE_NAME", seeded.alicloudServiceName());
        variables.put("PLC_ALICLOUD_SERVICE_ID", seeded.alicloudServiceId());
        variables.put("PLC_ALICLOUD_ENDPOINT", alicloud.endpoint().toString());
        variables.put("PLC_ALICLOUD_PLATFORM_VPC", DemoEnvironment.ALICLOUD_PLATFORM_VPC);
        variables.put("PLC_ALICLOUD_CUSTOMER_ACCESS_KEY", DemoEnvironment.ALICLOUD_CUSTOMER_ACCESS_KEY);
        variables.put("PLC_ALICLOUD_CUSTOMER_ACCESS_SECRET", DemoEnvironment.ALICLOUD_CUSTOMER_SECRET);
        variables.put("PLC_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + options.kafkaPort());
        variables.put("PLC_POSTGRES_PORT", String.valueOf(options.postgresPort()));
    }

    /** The variables, by name. */
    Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    void write() throws IOException {
        Files.createDirectories(file.getParent());
        String exports = variables.entrySet().stream()
                .map(e -> "export " + e.getKey() + "='" + e.getValue() + "'")
                .collect(Collectors.joining("\n", "# Written by deploy/local/run; source it: . " + file + "\n", "\n"));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, exports);
        // Whole file or none: a script polling for it never reads half of it.
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Profile {@value #CLI_PROFILE} of the plc CLI: this stack's API and the demo token, so that {@code ./plc}
     * works right after start-up with no flag. It becomes the current profile only when none is.
     */
    void writeCliProfile(Path cliConfig) {
        CliProfiles.load(cliConfig).put(CLI_PROFILE, variables.get("PLC_API"), variables.get("PLC_TOKEN"))
                .useIfNoneCurrent(CLI_PROFILE).save();
    }

    static final String CLI_PROFILE = "local";

    String banner(Duration startup, Path cliConfig) {
        String api = variables.get("PLC_API");
        return """

                ✔ Dataflow Private Link is running (started in %.1f s)

                  REST API          %s
                  Web console       %s
                                    (this link signs the demo user in; $PLC_CONSOLE in the environment file)
                  EC2 simulator     %s
                  Alibaba simulator %s
                  Kafka             %s
                  Environment file  %s   (source it: . %s)
                  Bearer token      $PLC_TOKEN in that file: demo-user@example.com, editor of demo-project
                                    (others: deploy/local/mint-token --subject WHO --project demo-project=viewer)

                  CLI               ./plc plc list -c %s   (profile 'local' in %s)

                  Try:
                    . %s
                    curl -s -X POST "$PLC_API/v1beta1/clusters/$PLC_AWS_CLUSTER_ID/privateLinkConnections" \\
                      -H "Authorization: Bearer $PLC_TOKEN" -H 'Content-Type: application/json' \\
                      -d "{\\"privateLinkConnection\\": {\\"displayName\\": \\"orders-kafka\\", \\"type\\": \\"AWS_ENDPOINT_SERVICE\\", \\"awsEndpointService\\": {\\"name\\": \\"$PLC_AWS_SERVICE_NAME\\"}}}"

                  The README's "Try it" section walks through acceptance and deletion. Ctrl-C stops everything.
                """.formatted(startup.toMillis() / 1000.0, api, variables.get("PLC_CONSOLE"), variables.get("PLC_EC2_ENDPOINT"),
                variables.get("PLC_ALICLOUD_ENDPOINT"),
                variables.get("PLC_KAFKA_BOOTSTRAP_SERVERS"), file, file, DemoEnvironment.AWS_CLUSTER_ID, cliConfig, file);
    }
}
