package io.dataflow.privatelink.deploy.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void setGivesOneServiceItsOwnProperties() {
        LocalStackOptions options = LocalStackOptions.parse(ROOT, List.of(
                "--set", "provider-worker-aws:plc.aws.budgets.mutate-refill-per-second=5",
                "--set", "provider-worker-aws:a.b=x=y",
                "--api-port", "9000"));
        assertEquals(Map.of("plc.aws.budgets.mutate-refill-per-second", "5", "a.b", "x=y"),
                options.propertiesOf("provider-worker-aws"));
        assertEquals(Map.of(), options.propertiesOf("domain-service"));
        assertEquals(9000, options.apiPort());
    }

    @Test
    void aMalformedOrUnknownSetIsRefusedWithTheReason() {
        for (String bad : List.of("plc.x=1", "provider-worker-aws:=1", "provider-worker-aws:plc.x", ":a=b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalStackOptions.parse(ROOT, List.of("--set", bad)));
            assertTrue(e.getMessage().contains("SERVICE:KEY=VALUE"), e.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.parse(ROOT, List.of("--set", "billing:a=b")));
        assertTrue(unknown.getMessage().contains("unknown service billing"), unknown.getMessage());
    }

    @Test
    void workerReplicasAreOneByDefaultAndAtMostTheShards() {
        assertEquals(1, LocalStackOptions.parse(ROOT, List.of()).workerReplicas());
        assertEquals(3, LocalStackOptions.parse(ROOT, List.of("--worker-replicas", "3")).workerReplicas());
        for (String bad : List.of("0", "17", "three")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalStackOptions.parse(ROOT, List.of("--worker-replicas", bad)));
            assertTrue(e.getMessage().contains("from 1 to 16") && e.getMessage().contains(bad), e.getMessage());
        }
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.parse(ROOT, List.of("--api-port", "70000")));
        assertTrue(port.getMessage().contains("port number"), port.getMessage());
    }

    @Test
    void managementPortsAreTheServicesOwnByDefault() {
        LocalStackOptions defaults = LocalStackOptions.parse(ROOT, List.of());
        assertEquals(List.of(9080, 9081, 9082, 9083), List.of(defaults.apiManagementPort(), defaults.queryManagementPort(),
                defaults.awsWorkerManagementPort(), defaults.alicloudWorkerManagementPort()));
        assertEquals(9500, LocalStackOptions.parse(ROOT, List.of("--query-management-port", "9500")).queryManagementPort());
    }

    @Test
    void freePortOptionsGiveEveryListenerOfEveryReplicaItsOwnFreePort() throws Exception {
        int replicas = 3;
        LocalStackOptions options = LocalStackOptions.parse(ROOT, LocalStack.freePortOptions(replicas));
        List<Integer> ports = new java.util.ArrayList<>(List.of(options.apiPort(), options.queryPort(),
                options.apiManagementPort(), options.queryManagementPort(),
                options.kafkaPort(), options.kafkaControllerPort(), options.postgresPort(), options.ec2Port(),
                options.alicloudPort()));
        for (int k = 0; k < LocalStackOptions.DEMO_KAFKA_PORTS; k++) {
            ports.add(options.demoKafkaPort() + k);
        }
        for (int k = 0; k < replicas; k++) {
            ports.add(options.awsWorkerPort() + 100 * k);
            ports.add(options.alicloudWorkerPort() + 100 * k);
            ports.add(options.awsWorkerManagementPort() + 100 * k);
            ports.add(options.alicloudWorkerManagementPort() + 100 * k);
        }
        assertEquals(ports.size(), new java.util.HashSet<>(ports).size(), "distinct: " + ports);
        for (int port : ports) {
            new java.net.ServerSocket(port).close(); // each is free for the process that will bind it
        }
    }
}
