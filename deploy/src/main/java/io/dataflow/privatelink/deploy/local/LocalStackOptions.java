package io.dataflow.privatelink.deploy.local;

import io.dataflow.privatelink.cli.config.CliProfiles;
import io.dataflow.privatelink.contract.ReconcileShards;
import io.dataflow.privatelink.deploy.options.OptionValues;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the local stack; {@link #USAGE} is what {@code deploy/local/run --help} prints. */
record LocalStackOptions(
        Path repoRoot,
        Path dataDir,
        boolean reset,
        int apiPort,
        int queryPort,
        int awsWorkerPort,
        int alicloudWorkerPort,
        int apiManagementPort,
        int queryManagementPort,
        int awsWorkerManagementPort,
        int alicloudWorkerManagementPort,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int ec2Port,
        int alicloudPort,
        int demoKafkaPort,
        int workerReplicas,
        Path envFile,
        Path cliConfig,
        Map<String, Map<String, String>> serviceProperties,
        String otlpEndpoint,
        boolean help) {

    /** The demo customer's Kafka takes this many ports from {@code --demo-kafka-port} on. */
    static final int DEMO_KAFKA_PORTS = 4;

    /** The services {@code --set} can configure. */
    static final List<String> SERVICES = List.of("connection-service", "domain-service", "provider-worker-aws",
            "provider-worker-alicloud");

    static final String USAGE = """
            Usage: deploy/local/run [options]

            Runs the whole system on this machine: Apache Kafka (KRaft) and PostgreSQL from Maven Central
            jars, the cloud simulators, and the four services as separate processes. Builds what is
            missing first. Ctrl-C stops everything.

            Options:
              --data-dir DIR        where Kafka, PostgreSQL and the logs keep their data (default: .local)
              --reset               wipe the data folder before starting
              --api-port N          public REST API, connection-service (default: 8080)
              --query-port N        domain-service (default: 8081)
              --aws-worker-port N   provider-worker-aws (default: 8082; it serves nothing but 404)
              --alicloud-worker-port N  provider-worker-alicloud (default: 8083; likewise)
              --api-management-port N   connection-service's management interface: /q/health, /q/openapi,
                                    /q/swagger-ui (default: 9080)
              --query-management-port N  domain-service's /q/health (default: 9081)
              --aws-worker-management-port N  provider-worker-aws's /q/health (default: 9082)
              --alicloud-worker-management-port N  provider-worker-alicloud's /q/health (default: 9083)
              --kafka-port N        Kafka broker (default: 9092)
              --kafka-controller-port N  Kafka's KRaft controller (default: a free port)
              --postgres-port N     PostgreSQL (default: 15432)
              --ec2-port N          EC2 simulator (default: 4566)
              --alicloud-port N     Alibaba Cloud PrivateLink simulator (default: 4567)
              --demo-kafka-port N   the demo customer's Kafka broker (default: 19092): N behind the demo AWS
                                    service (it advertises names of the domain to attach), N+1 behind the
                                    misconfigured one (an EC2 host name), N+2 and N+3 its own listener and
                                    controller
              --worker-replicas N   instances of each provider worker, sharing its connections (default: 1);
                                    the k-th listens on the worker port + 100 × (k - 1), and
                                    on the worker management port + 100 × (k - 1)
              --env-file FILE       where to write the shell exports (default: <data-dir>/env.sh)
              --cli-config FILE     the plc CLI's profiles file to write profile 'local' into
                                    (default: $PLC_CONFIG, else ~/.config/plc/config.json)
              --set SERVICE:KEY=VALUE  a configuration property of one service, e.g.
                                    --set provider-worker-aws:plc.aws.budgets.mutate-refill-per-second=5
                                    (repeatable; SERVICE is connection-service, domain-service,
                                    provider-worker-aws or provider-worker-alicloud)
              --otlp-endpoint URL   export the services' traces to this OpenTelemetry collector (OTLP gRPC,
                                    e.g. http://localhost:4317); without it, trace context still travels
                                    on every request and Kafka record, but no span leaves the services
              --no-build            do not build; use what target/ folders hold
              --help                print this text
            """;

    static LocalStackOptions parse(Path repoRoot, List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        Path dataDir = repoRoot.resolve(".local");
        boolean reset = false;
        boolean help = false;
        int apiPort = 8080;
        int queryPort = 8081;
        int awsWorkerPort = 8082;
        int alicloudWorkerPort = 8083;
        int apiManagementPort = 9080;
        int queryManagementPort = 9081;
        int awsWorkerManagementPort = 9082;
        int alicloudWorkerManagementPort = 9083;
        int kafkaPort = 9092;
        int kafkaControllerPort = 0;
        int postgresPort = 15432;
        int ec2Port = 4566;
        int alicloudPort = 4567;
        int demoKafkaPort = 19092;
        int workerReplicas = 1;
        Path envFile = null;
        Path cliConfig = null;
        Map<String, Map<String, String>> serviceProperties = new LinkedHashMap<>();
        String otlpEndpoint = null;
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(OptionValues.value(option, rest)).toAbsolutePath();
                case "--reset" -> reset = true;
                case "--api-port" -> apiPort = port(option, rest);
                case "--query-port" -> queryPort = port(option, rest);
                case "--aws-worker-port" -> awsWorkerPort = port(option, rest);
                case "--alicloud-worker-port" -> alicloudWorkerPort = port(option, rest);
                case "--api-management-port" -> apiManagementPort = port(option, rest);
                case "--query-management-port" -> queryManagementPort = port(option, rest);
                case "--aws-worker-management-port" -> awsWorkerManagementPort = port(option, rest);
                case "--alicloud-worker-management-port" -> alicloudWorkerManagementPort = port(option, rest);
                case "--kafka-port" -> kafkaPort = port(option, rest);
                case "--kafka-controller-port" -> kafkaControllerPort = port(option, rest);
                case "--postgres-port" -> postgresPort = port(option, rest);
                case "--ec2-port" -> ec2Port = port(option, rest);
                case "--alicloud-port" -> alicloudPort = port(option, rest);
                case "--demo-kafka-port" -> demoKafkaPort = port(option, rest);
                case "--worker-replicas" -> workerReplicas = replicas(option, rest);
                case "--env-file" -> envFile = Path.of(OptionValues.value(option, rest)).toAbsolutePath();
                case "--cli-config" -> cliConfig = Path.of(OptionValues.value(option, rest)).toAbsolutePath();
                case "--set" -> set(OptionValues.value(option, rest), serviceProperties);
                case "--otlp-endpoint" -> otlpEndpoint = OptionValues.value(option, rest);
                case "--no-build" -> {
                    // handled by the shell script
                }
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + option + "; see --help");
            }
        }
        return new LocalStackOptions(repoRoot, dataDir, reset, apiPort, queryPort, awsWorkerPort, alicloudWorkerPort,
                apiManagementPort, queryManagementPort, awsWorkerManagementPort, alicloudWorkerManagementPort, kafkaPort, kafkaControllerPort, postgresPort, ec2Port, alicloudPort, demoKafkaPort, workerReplicas, envFile == null ? dataDir.resolve("env.sh") : envFile,
                cliConfig == null ? CliProfiles.defaultFile(System.getenv()) : cliConfig, serviceProperties, otlpEndpoint,
                help);
    }

    /** The properties {@code --set} gave one service (applied last, over the stack's own). */
    Map<String, String> propertiesOf(String service) {
        return serviceProperties.getOrDefault(service, Map.of());
    }

    private static void set(String value, Map<String, Map<String, String>> into) {
        int colon = value.indexOf(':');
        int equals = value.indexOf('=', Math.max(colon, 0));
        if (colon <= 0 || equals <= colon + 1) {
            throw new IllegalArgumentException("--set needs SERVICE:KEY=VALUE, not " + value);
        }
        String service = value.substring(0, colon);
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("--set: unknown service " + service + "; one of " + SERVICES);
        }
        into.computeIfAbsent(service, s -> new LinkedHashMap<>())
                .put(value.substring(colon + 1, equals), value.substring(equals + 1));
    }

    private static int port(String option, Deque<String> rest) {
        return OptionValues.number(option, rest, 1, 65535, "a port number from 1 to 65535");
    }

    private static int replicas(String option, Deque<String> rest) {
        return OptionValues.number(option, rest, 1, ReconcileShards.COUNT,
                "a number from 1 to " + ReconcileShards.COUNT + " (the shards)");
    }
}
