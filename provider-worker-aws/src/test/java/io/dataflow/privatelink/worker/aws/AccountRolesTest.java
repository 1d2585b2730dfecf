package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.ec2.AvailabilityZone;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One worker, clusters in two platform accounts: the worker's own account (its own credentials) and a second
 * one listed in {@code plc.aws.account-roles}, reached by assuming that account's role through STS (the real
 * SDK's StsAssumeRoleCredentialsProvider against the simulator, which checks the role's trust policy and
 * makes resources in the account of the credentials).
 */
class AccountRolesTest {

    private static final String REGION = "us-east-1";
    private static final String OWN_ACCOUNT = "111122223333";
    private static final String OWN_KEY = "AKIAROLESTESTOWN0001";
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final String OTHER_ROLE = "arn:aws:iam::444455556666:role/dataflow-privatelink-worker";
    private static final String CUSTOMER_ACCOUNT = "777788889999";
    private static final AvailabilityZone AZ1 = AvailabilityZone.of("use1-az1", "us-east-1a");

    private static Ec2Simulator simulator;
    private static ServiceRef service;

    @BeforeAll
    static void start() {
        simulator = Ec2Simulator.start(0, Ec2SimulatorConfig.builder().defaultRegion(REGION).build());
        simulator.addAccount(OWN_ACCOUNT, OWN_KEY);
        simulator.addRole(OTHER_ROLE, OWN_ACCOUNT);
        simulator.registerSubnet(OWN_ACCOUNT, "vpc-0own", "subnet-0own", "use1-az1", "us-east-1a");
        simulator.registerSubnet(OTHER_ACCOUNT, "vpc-0other", "subnet-0other", "use1-az1", "us-east-1a");
        service = simulator.createEndpointService(CUSTOMER_ACCOUNT, REGION, Acceptance.MANUAL, List.of(AZ1));
        simulator.allowPrincipal(service.serviceId(), "arn:aws:iam::" + OWN_ACCOUNT + ":root");
        simulator.allowPrincipal(service.serviceId(), "arn:aws:iam::" + OTHER_ACCOUNT + ":root");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void eachClustersAccountSelectsItsCredentialsAndItsEndpointsLiveThere() {
        // as a deployment sets it: one environment variable per account
        Worker worker = worker(Map.of(), Map.of("PLC_AWS_ACCOUNT_ROLES_" + OTHER_ACCOUNT, OTHER_ROLE));
        CloudLocation own = new CloudLocation(OWN_ACCOUNT, REGION);
        CloudLocation other = new CloudLocation(OTHER_ACCOUNT, REGION);

        EndpointView inOwn = worker.cloud.createEndpoint(spec(OWN_ACCOUNT, "vpc-0own", "subnet-0own"), List.of("use1-az1"));
        // the other account's VPC is found only by a caller of that account: the role was assumed
        EndpointView inOther = worker.cloud.createEndpoint(spec(OTHER_ACCOUNT, "vpc-0other", "subnet-0other"),
                List.of("use1-az1"));

        assertEquals(List.of(inOwn.endpointId()), ids(worker.cloud.observeManagedEndpoints(own)));
        assertEquals(List.of(inOther.endpointId()), ids(worker.cloud.observeManagedEndpoints(other)));
        worker.check.checkRoles();
        assertNull(worker.credentials.rejection());
    }

    @Test
    void withoutARoleForItsAccountAClusterIsReachedWithTheWorkersOwnCredentials() {
        Worker worker = worker(Map.of(), Map.of());
        CloudException refused = assertThrows(CloudException.class, () -> worker.cloud.createEndpoint(
                spec(OTHER_ACCOUNT, "vpc-0other", "subnet-0other"), List.of("use1-az1")));
        assertEquals("InvalidVpcId.NotFound", refused.errorCode(), "the own account has no such VPC");
    }

    @Test
    void aRoleThatCannotBeAssumedGoesToOperatorsAndIsRetriedNeverFailingTheConnection() {
        Worker worker = worker(Map.of("plc.aws.account-roles." + OTHER_ACCOUNT,
                "arn:aws:iam::444455556666:role/not-trusting-the-platform"), Map.of());
        CloudException refused = assertThrows(CloudException.class, () -> worker.cloud.createEndpoint(
                spec(OTHER_ACCOUNT, "vpc-0other", "subnet-0other"), List.of("use1-az1")));
        assertTrue(refused.retryable(), "retried, not a FAILED connection");
        assertFalse(refused.getMessage().contains("arn:aws:iam"), "the user's message names no platform role: "
                + refused.getMessage());
        String told = worker.credentials.needingOperator().get("AccessDenied");
        assertNotNull(told, "operators are told: " + worker.credentials.needingOperator());
        assertTrue(told.contains("sts:AssumeRole") && told.contains("not-trusting-the-platform"), told);
    }

    private record Worker(AwsEndpointCloud cloud, AccountCheck check, CloudCredentials credentials) {
    }

    private static Worker worker(Map<String, String> roles, Map<String, String> environment) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "plc.aws.ec2-endpoint", simulator.endpoint().toString(),
                "plc.aws.sts-endpoint", simulator.endpoint().toString(),
                "plc.aws.access-key-id", OWN_KEY,
                "plc.aws.secret-access-key", "secret",
                "plc.aws.retry.max-attempts", "1"));
        properties.putAll(roles);
        AwsConfig config = new SmallRyeConfigBuilder()
                .withMapping(AwsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withSources(new io.smallrye.config.EnvConfigSource(environment, 300))
                .build().getConfigMapping(AwsConfig.class);
        CloudCredentials credentials = new CloudCredentials();
        AwsClients clients = new AwsClients(config, new DeploymentIdentity("roles-test"),
                new io.dataflow.privatelink.worker.metrics.CloudCallMetrics(
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), io.opentelemetry.api.OpenTelemetry.noop());
        AwsCalls calls = new AwsCalls(credentials);
        return new Worker(new AwsEndpointCloud(clients, calls, new AccountZones(clients, calls),
                new DeploymentIdentity("roles-test")), new AccountCheck(clients, calls, credentials, config), credentials);
    }

    private static EndpointSpec spec(String account, String vpc, String subnet) {
        return new EndpointSpec(ConnectionIds.newId(), service.serviceName(), REGION, new ClusterPlacement(
                "cluster-" + account, "p", CloudProvider.AWS, REGION, account, vpc, List.of("use1-az1"),
                Map.of("use1-az1", subnet), "sg-0"));
    }

    private static List<String> ids(List<EndpointView> views) {
        return views.stream().map(EndpointView::endpointId).toList();
    }
}
