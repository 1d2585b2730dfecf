package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STS GetCallerIdentity through the real SDK against the simulator: the worker knows whose credentials it holds. */
class AccountCheckTest {

    private static Ec2Simulator simulator;

    @BeforeAll
    static void start() {
        simulator = Ec2Simulator.start(0, Ec2SimulatorConfig.builder().defaultRegion("us-east-1").build());
        simulator.addAccount("111122223333", "AKIAACCOUNTCHECK0001");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void credentialsOfThePlatformAccountPass() {
        CloudCredentials credentials = new CloudCredentials();

        assertEquals("111122223333", check(credentials, "111122223333").check());
        assertNull(credentials.rejection());
    }

    @Test
    void credentialsOfAnotherAccountMakeTheWorkerNotReadyNamingBoth() {
        CloudCredentials credentials = new CloudCredentials();

        check(credentials, "999999999999").check();

        assertNotNull(credentials.rejection());
        assertTrue(credentials.rejection().contains("111122223333") && credentials.rejection().contains("999999999999"),
                credentials.rejection());
    }

    private static AccountCheck check(CloudCredentials credentials, String platformAccount) {
        AwsConfig config = new SmallRyeConfigBuilder()
                .withMapping(AwsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of(
                        "plc.aws.sts-endpoint", simulator.endpoint().toString(),
                        "plc.aws.access-key-id", "AKIAACCOUNTCHECK0001",
                        "plc.aws.secret-access-key", "secret",
                        "plc.aws.platform-account-id", platformAccount), "test", 500))
                .build().getConfigMapping(AwsConfig.class);
        AwsClients clients = new AwsClients(config, new io.dataflow.privatelink.worker.ownership.DeploymentIdentity("test"),
                new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), io.opentelemetry.api.OpenTelemetry.noop());
        return new AccountCheck(clients, new AwsCalls(credentials), credentials, config);
    }
}
