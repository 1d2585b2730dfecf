package io.dataflow.privatelink.deploy.local;

import io.dataflow.privatelink.infra.EmbeddedKafka;
import io.dataflow.privatelink.infra.EmbeddedPostgresServer;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulatorConfig;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The local stack: Kafka, PostgreSQL and the cloud simulators in this JVM, the four services as child
 * processes. Started by {@code deploy/local/run}; stops everything on Ctrl-C (shutdown hook).
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final LocalStackOptions options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    /** The demo customer's Kafka, reached only through the simulated endpoints. */
    private EmbeddedKafka customerKafka;
    private Ec2Simulator ec2;
    private LocalAuth auth;
    private AlicloudSimulator alicloud;
    private EnvFile env;

    private LocalStack(LocalStackOptions options) {
        this.options = options;
    }

    /**
     * Starts a stack in this JVM, as {@code deploy/local/run} does with these options, for tests that need
     * to act on its parts (stop PostgreSQL under the services, for instance). {@link #close()} stops it.
     */
    public static LocalStack start(Path repoRoot, List<String> args) throws Exception {
        LocalStack stack = new LocalStack(LocalStackOptions.parse(repoRoot, args));
        try {
            stack.start();
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /**
     * The launcher options that put every part of a stack on a free port (for tests and the chaos
     * harness, which run beside whatever else listens on the default ports), for up to
     * {@code workerReplicas} instances of each worker (the k-th on the worker port + 100 × (k - 1)).
     */
    /**
     * Connection limits far above what any test or harness run makes (the local stack otherwise has the services'
     * defaults, 10 per cluster and 100 per project, as a user would): for the stacks of tests, benchmarks and the
     * chaos harness, which create hundreds to thousands of connections in the demo clusters. Later {@code --set}s win.
     */
    public static final List<String> LOAD_TEST_QUOTAS = List.of(
            "--set", "connection-service:plc.quotas.connections-per-cluster=1000000",
            "--set", "connection-service:plc.quotas.connections-per-project=1000000");

    public static List<String> freePortOptions(int workerReplicas) throws IOException {
        List<String> args = new ArrayList<>();
        // All held open until every port is chosen: a port closed at once may be handed out again for the
        // next option (seen in CI: domain-service and Kafka given the same port).
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String option : List.of("--api-port", "--query-port", "--api-management-port", "--query-management-port",
                    "--kafka-port", "--kafka-controller-port", "--postgres-port", "--ec2-port", "--alicloud-port")) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                args.add(option);
                args.add(String.valueOf(socket.getLocalPort()));
            }
            for (String option : List.of("--aws-worker-port", "--alicloud-worker-port", "--aws-worker-management-port",
                    "--alicloud-worker-management-port")) {
                args.add(option);
                args.add(String.valueOf(freePorts(workerReplicas, 100, held)));
            }
            args.add("--demo-kafka-port");
            args.add(String.valueOf(freePorts(LocalStackOptions.DEMO_KAFKA_PORTS, 1, held)));
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return args;
    }

    /**
     * A free port p such that p + stride × k is free too for every k below {@code count} (a worker's replicas, the
     * demo Kafka's listeners); all of them held.
     */
    private static int freePorts(int count, int stride, List<ServerSocket> held) throws IOException {
        while (true) {
            ServerSocket first = new ServerSocket(0);
            List<ServerSocket> these = new ArrayList<>(List.of(first));
            try {
                if (first.getLocalPort() + stride * (count - 1) > 65_535) {
                    throw new IOException("the further ports would be past 65535");
                }
                for (int k = 1; k < count; k++) {
                    these.add(new ServerSocket(first.getLocalPort() + stride * k));
                }
                held.addAll(these);
                return first.getLocalPort();
            } catch (IOException taken) {
                for (ServerSocket socket : these) {
                    socket.close();
                }
            }
        }
    }

    /** Kills PostgreSQL as a crash would; the services keep running and see it go. */
    public void killPostgres() {
        postgres.kill();
    }

    /** Starts PostgreSQL again on the same port and data. */
    public void startPostgresAgain() {
        postgres.startAgain();
    }

    /** Stops the Kafka broker (cleanly, as a rolling restart would); the services keep running and wait. */
    public void stopKafka() {
        kafka.stopForRestart();
    }

    /** Starts the Kafka broker again on the same port and data. */
    public void startKafkaAgain() {
        kafka.startAgain();
    }

    /**
     * Cuts the worker of {@code provider} ("aws" or "alicloud") off from its cloud: the simulator stops
     * listening (connections are refused), as if the network to the cloud were down.
     */
    public synchronized void cutOffCloud(String provider) {
        if (provider.equals("aws")) {
            ec2.close();
        } else {
            alicloud.close();
        }
    }

    /** Brings a cut-off cloud back: the simulator starts again on its port, from the state it saved. */
    public synchronized void reconnectCloud(String provider) {
        if (provider.equals("aws")) {
            ec2 = startEc2();
        } else {
            alicloud = startAlicloud();
        }
    }

    /** The EC2 + Route 53 simulator now serving (a new one after {@link #reconnectCloud}). */
    public synchronized Ec2Simulator ec2() {
        return ec2;
    }

    /** The Alibaba Cloud simulator now serving. */
    public synchronized AlicloudSimulator alicloud() {
        return alicloud;
    }

    /** The names of the running services, replicas included ({@code provider-worker-aws-2}, …). */
    public synchronized List<String> serviceNames() {
        return services.stream().map(ServiceProcess::name).toList();
    }

    /** Where a service serves its management interface ({@code http://localhost:<port>}): /q/health. */
    public synchronized java.net.URI managementUri(String name) {
        return service(name).managementUri();
    }

    /** Kills one service ({@code provider-worker-aws}, …) as a crash would; the rest keeps running. */
    public synchronized void killService(String name) {
        service(name).kill();
    }

    /**
     * Stops one service as a rollout would (SIGTERM: it stops gracefully) and waits until it has exited; the rest
     * keeps running.
     */
    public synchronized void stopService(String name) {
        ServiceProcess service = service(name);
        service.requestStop();
        service.awaitStopped();
    }

    /** Starts a killed (or running) service again, as its supervisor would, and waits until it is ready. */
    public synchronized void startServiceAgain(String name) throws Exception {
        ServiceProcess old = service(name);
        old.kill();
        ServiceProcess restarted = old.startAgain();
        services.set(services.indexOf(old), restarted);
        restarted.awaitReady(READY_TIMEOUT);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in this stack"));
    }

    /** What {@code env.sh} exports ({@code PLC_API}, {@code PLC_TOKEN}, …), by name. */
    public Map<String, String> environment() {
        return env.variables();
    }

    /** Waits until every service answers ready (after a fault, for instance). */
    public void awaitAllReady(Duration timeout) throws InterruptedException {
        List<ServiceProcess> now;
        synchronized (this) {
            now = List.copyOf(services);
        }
        for (ServiceProcess service : now) {
            service.awaitReady(timeout);
        }
    }

    /** The data folder ({@code env.sh}, logs, Kafka and PostgreSQL data). */
    public Path dataDir() {
        return options.dataDir();
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of(System.getProperty("plc.repo.root", ".")).toAbsolutePath().normalize();
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(repoRoot, Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("deploy/local/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LocalStackOptions.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack…");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("The local stack could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        Instant begin = Instant.now();
        if (options.reset()) {
            deleteRecursively(options.dataDir());
        }
        Files.createDirectories(options.dataDir());
        Path logs = options.dataDir().resolve("logs");
        say("Starting PostgreSQL and Kafka in " + options.dataDir());
        postgres = EmbeddedPostgresServer.start(options.dataDir().resolve("postgres"), options.postgresPort());
        postgres.stopOnlyWhenClosed(); // by close(), after the services (Ctrl-C runs every JVM hook at once)
        kafka = EmbeddedKafka.start(options.dataDir().resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort());
        ec2 = startEc2();
        alicloud = startAlicloud();
        DemoSeed.Seeded seeded = DemoSeed.seed(ec2, alicloud);
        startCustomerKafka(seeded);

        auth = LocalAuth.load(options.dataDir());
        say("Starting the services (logs in " + logs + ")");
        // The page tokens' key: fixed, so a token outlives a restart of the stack; production sets its own secret.
        Map<String, String> domainService = new LinkedHashMap<>(auth.verifierProperties());
        domainService.put("plc.paging.token-key", "local-stack-page-token-key");
        services.add(start("domain-service", "", options.queryPort(), options.queryManagementPort(), domainService));
        services.add(start("connection-service", "", options.apiPort(), options.apiManagementPort(),
                connectionServiceProperties()));
        for (int replica = 1; replica <= options.workerReplicas(); replica++) {
            // Replicas share the worker's database and connections, split by shard (ShardLeases).
            String suffix = replica == 1 ? "" : "-" + replica;
            int portOffset = 100 * (replica - 1);
            services.add(start("provider-worker-aws", suffix, options.awsWorkerPort() + portOffset,
                    options.awsWorkerManagementPort() + portOffset, Map.of(
                    "plc.aws.ec2-endpoint", ec2.endpoint().toString(),
                    "plc.aws.route53-endpoint", ec2.endpoint().toString(),
                    "plc.aws.sts-endpoint", ec2.endpoint().toString(),
                    "plc.aws.platform-account-id", DemoEnvironment.AWS_PLATFORM_ACCOUNT,
                    "plc.aws.access-key-id", DemoEnvironment.AWS_PLATFORM_ACCESS_KEY,
                    "plc.aws.secret-access-key", DemoEnvironment.AWS_PLATFORM_SECRET,
                    "plc.worker.deployment-id", DemoEnvironment.DEPLOYMENT_ID,
                    // connectivity tests resolve names as the simulated platform VPC does
                    "plc.worker.connectivity.resolver", "simulator",
                    "plc.worker.connectivity.simulator-url", ec2.endpoint().toString(),
                    // a brisk pace for a demo; production keeps the default
                    "plc.worker.reconcile-interval", "1s")));
            services.add(start("provider-worker-alicloud", suffix, options.alicloudWorkerPort() + portOffset,
                    options.alicloudWorkerManagementPort() + portOffset, Map.of(
                    "plc.alicloud.endpoint", alicloud.hostAndPort(),
                    "plc.alicloud.protocol", "http",
                    "plc.alicloud.access-key-id", DemoEnvironment.ALICLOUD_PLATFORM_ACCESS_KEY,
                    "plc.alicloud.access-key-secret", DemoEnvironment.ALICLOUD_PLATFORM_SECRET,
                    "plc.worker.deployment-id", DemoEnvironment.DEPLOYMENT_ID,
                    "plc.worker.connectivity.resolver", "simulator",
                    "plc.worker.connectivity.simulator-url", alicloud.endpoint().toString(),
                    "plc.worker.reconcile-interval", "1s")));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
        env = new EnvFile(options, ec2, alicloud, seeded, auth.demoToken());
        env.write();
        env.writeCliProfile(options.cliConfig());
        System.out.println(env.banner(Duration.between(begin, Instant.now()), options.cliConfig()));
        System.out.flush();
    }

    /**
     * The customer's Kafka: a real broker whose listener behind the demo Kafka service advertises a name under the
     * domain a user attaches ({@link DemoEnvironment#demoKafkaAdvertisedHost()}), and whose listener behind the
     * misconfigured service advertises an EC2 host name; each service's load balancer forwards to its listener.
     */
    private void startCustomerKafka(DemoSeed.Seeded seeded) {
        // Its own listener and controller take the block's last two ports: chosen with the stack's other ports,
        // never a free port picked now (one once took a port chosen for domain-service, which then could not start).
        customerKafka = EmbeddedKafka.startAdvertising(options.dataDir().resolve("customer-kafka"),
                options.demoKafkaPort() + 2, options.demoKafkaPort() + 3, DemoEnvironment.DEMO_KAFKA_RACK, List.of(
                        new EmbeddedKafka.AdvertisedListener("DEMO", options.demoKafkaPort(),
                                DemoEnvironment.demoKafkaAdvertisedHost()),
                        new EmbeddedKafka.AdvertisedListener("MISCONFIGURED", (options.demoKafkaPort() + 1),
                                DemoEnvironment.BROKEN_KAFKA_ADVERTISED_HOST)));
        ec2.setServiceBackends(seeded.awsServiceId(),
                Map.of(options.demoKafkaPort(), "127.0.0.1:" + options.demoKafkaPort()));
        ec2.setServiceBackends(seeded.awsBrokenKafkaServiceId(),
                Map.of((options.demoKafkaPort() + 1), "127.0.0.1:" + (options.demoKafkaPort() + 1)));
    }

    private Ec2Simulator startEc2() {
        // The clouds outlive a restart of the stack, as real ones do: same services, endpoints and decisions.
        return Ec2Simulator.start(options.ec2Port(), Ec2SimulatorConfig.builder()
                .defaultRegion(DemoEnvironment.AWS_REGION).stateFolder(simulatorState()).build());
    }

    private AlicloudSimulator startAlicloud() {
        return AlicloudSimulator.start(options.alicloudPort(), AlicloudSimulatorConfig.builder()
                .stateFolder(simulatorState()).build());
    }

    private Path simulatorState() {
        return options.dataDir().resolve("simulators");
    }

    /** Starts a service ({@code replica} "" for the first instance, "-2", "-3" … for more). */
    private ServiceProcess start(String name, String replica, int port, int managementPort, Map<String, String> extra)
            throws IOException {
        // The services run in their production profile: every setting it requires is given here.
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // One broker: production's replication (3, 2 in sync) cannot be had.
        properties.put("plc.kafka.replication-factor", "1");
        properties.put("plc.kafka.min-insync-replicas", "1");
        String database = name.replace('-', '_');
        properties.put("quarkus.datasource.jdbc.url", postgres.createDatabaseIfAbsent(database));
        properties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        properties.put("quarkus.datasource.username", postgres.username());
        properties.put("quarkus.datasource.password", postgres.password());
        // Static group membership: a restarted service gets its partitions back at once, not after the
        // dead instance's session has timed out. Each instance's name is unique in the stack.
        properties.put("plc-instance-id", name + replica);
        // No load balancer to drain here: a shorter wait between readiness DOWN and stopping than production's 5 s.
        properties.put("quarkus.shutdown.delay", "1s");
        // Traces: exported to the collector the user names. Without one, spans are still made (the trace context
        // travels through every hop, as in production) but nothing listens on the default OTLP port, so the
        // exporter's failed attempts are not logged.
        if (options.otlpEndpoint() == null) {
            properties.put("quarkus.log.category.\"io.quarkus.opentelemetry.runtime.exporter.otlp.sender\".level",
                    "ERROR");
        } else {
            properties.put("quarkus.otel.exporter.otlp.endpoint", options.otlpEndpoint());
        }
        properties.putAll(extra);
        properties.putAll(options.propertiesOf(name));
        Path jar = options.repoRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        return ServiceProcess.start(name + replica, jar, port, managementPort, properties, options.dataDir().resolve("logs"));
    }

    private Map<String, String> connectionServiceProperties() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("plc.query-service.url", "http://localhost:" + options.queryPort());
        p.putAll(auth.verifierProperties());
        cluster(p, DemoEnvironment.AWS_CLUSTER_ID, "AWS", DemoEnvironment.AWS_REGION,
                DemoEnvironment.AWS_PLATFORM_ACCOUNT, DemoEnvironment.AWS_PLATFORM_VPC,
                DemoEnvironment.AWS_PLATFORM_SECURITY_GROUP, DemoEnvironment.AWS_CLUSTER_ZONES,
                zone -> DemoEnvironment.AWS_ZONES.get(zone).get(1));
        for (String cluster : List.of(DemoEnvironment.ALICLOUD_CLUSTER_ID, DemoEnvironment.ALICLOUD_SECOND_CLUSTER_ID)) {
            cluster(p, cluster, "ALICLOUD", DemoEnvironment.ALICLOUD_REGION, DemoEnvironment.ALICLOUD_PLATFORM_ACCOUNT,
                    DemoEnvironment.ALICLOUD_PLATFORM_VPC, DemoEnvironment.ALICLOUD_PLATFORM_SECURITY_GROUP,
                    DemoEnvironment.ALICLOUD_CLUSTER_ZONES, DemoEnvironment.ALICLOUD_ZONES::get);
        }
        return p;
    }

    /** One demo cluster in connection-service's registry ({@code plc.clusters.<id>.*}). */
    private static void cluster(Map<String, String> p, String clusterId, String provider, String region, String account,
                                String vpc, String securityGroup, List<String> zones,
                                java.util.function.Function<String, String> subnetOf) {
        String prefix = "plc.clusters." + clusterId + ".";
        p.put(prefix + "project-id", DemoEnvironment.PROJECT_ID);
        p.put(prefix + "provider", provider);
        p.put(prefix + "region", region);
        p.put(prefix + "account-id", account);
        p.put(prefix + "vpc-id", vpc);
        p.put(prefix + "az-ids", String.join(",", zones));
        zones.forEach(zone -> p.put(prefix + "subnets." + zone, subnetOf.apply(zone)));
        p.put(prefix + "security-group-id", securityGroup);
    }

    /** Services first (all at once), so they never see their infrastructure vanish; then the rest. */
    @Override
    public void close() {
        services.forEach(ServiceProcess::requestStop);
        services.forEach(ServiceProcess::awaitStopped);
        services.clear();
        if (ec2 != null) {
            ec2.close();
        }
        if (alicloud != null) {
            alicloud.close();
        }
        if (customerKafka != null) {
            customerKafka.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void say(String line) {
        System.out.println("» " + line);
        System.out.flush();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
