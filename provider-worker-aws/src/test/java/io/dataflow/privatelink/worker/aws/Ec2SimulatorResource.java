package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.ec2.AvailabilityZone;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts the EC2 simulator for the worker's tests and points the worker's real EC2 client at it.
 * The platform account owns a VPC with a subnet in two zones; a customer account owns load balancers.
 */
public class Ec2SimulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String REGION = "us-east-1";
    static final String PLATFORM_ACCOUNT = "111111111111";
    static final String PLATFORM_KEY = "AKIAPLATFORMTEST0001";
    static final String CUSTOMER_ACCOUNT = "222222222222";
    static final String CUSTOMER_KEY = "AKIACUSTOMERTEST0001";
    static final String VPC = "vpc-0platform";
    static final Map<String, String> SUBNETS = Map.of("use1-az1", "subnet-0az1", "use1-az2", "subnet-0az2");
    static final AvailabilityZone AZ1 = AvailabilityZone.of("use1-az1", "us-east-1a");
    static final AvailabilityZone AZ2 = AvailabilityZone.of("use1-az2", "us-east-1b");
    static final AvailabilityZone AZ6 = AvailabilityZone.of("use1-az6", "us-east-1f");

    static Ec2Simulator simulator;

    @Override
    public Map<String, String> start() {
        if (simulator == null) {
            simulator = Ec2Simulator.start(0, Ec2SimulatorConfig.builder()
                    .defaultRegion(REGION)
                    .availableDelay(Duration.ofMillis(300))
                    .deletionDelay(Duration.ofMillis(300))
                    .build());
            simulator.addAccount(PLATFORM_ACCOUNT, PLATFORM_KEY);
            simulator.addAccount(CUSTOMER_ACCOUNT, CUSTOMER_KEY);
            simulator.registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNETS.get("use1-az1"), AZ1.id(), AZ1.name());
            simulator.registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNETS.get("use1-az2"), AZ2.id(), AZ2.name());
        }
        return Map.of(
                "plc.aws.ec2-endpoint", simulator.endpoint().toString(),
                "plc.aws.route53-endpoint", simulator.endpoint().toString(),
                "plc.aws.sts-endpoint", simulator.endpoint().toString(),
                "plc.aws.platform-account-id", PLATFORM_ACCOUNT,
                "plc.aws.access-key-id", PLATFORM_KEY,
                "plc.aws.secret-access-key", "platform-secret");
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; it dies with the JVM.
    }

    /** A customer endpoint service in the given zones, allow-listing the platform account or not. */
    static ServiceRef customerService(List<AvailabilityZone> zones, boolean allowPlatform, Acceptance acceptance) {
        ServiceRef service = simulator.createEndpointService(CUSTOMER_ACCOUNT, REGION, acceptance, zones);
        if (allowPlatform) {
            simulator.allowPrincipal(service.serviceId(), "arn:aws:iam::" + PLATFORM_ACCOUNT + ":root");
        }
        return service;
    }
}
