package io.dataflow.privatelink.worker.alicloud;

import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulatorConfig;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts the Alibaba Cloud simulator for the worker's tests and points the worker's real SDK client at it. */
public class AlicloudSimulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String REGION = "cn-hangzhou";
    static final String PLATFORM_UID = "1000000000000001";
    static final String PLATFORM_KEY = "LTAI5tPlatformTest0001";
    static final String PLATFORM_SECRET = "platform-secret";
    static final String OWNER_UID = "1000000000000002";
    static final String OWNER_KEY = "LTAI5tOwnerTest0000002";
    static final String OWNER_SECRET = "owner-secret";
    static final String VPC = "vpc-bp1platformtest0001";
    static final Map<String, String> VSWITCHES = Map.of(
            "cn-hangzhou-i", "vsw-bp1platformtest000i",
            "cn-hangzhou-j", "vsw-bp1platformtest000j");

    static AlicloudSimulator simulator;

    private String secret = PLATFORM_SECRET;

    /** {@code secret}: the key secret the worker is given (a wrong one for the credentials test). */
    @Override
    public void init(Map<String, String> args) {
        secret = args.getOrDefault("secret", PLATFORM_SECRET);
    }

    @Override
    public Map<String, String> start() {
        if (simulator == null) {
            simulator = AlicloudSimulator.start(0, AlicloudSimulatorConfig.builder()
                    .activeDelay(Duration.ofMillis(200))
                    .connectDelay(Duration.ofMillis(200))
                    .disconnectDelay(Duration.ofMillis(100))
                    .deletionDelay(Duration.ofMillis(200))
                    .build());
            simulator.addAccount(PLATFORM_UID, PLATFORM_KEY, PLATFORM_SECRET);
            simulator.addAccount(OWNER_UID, OWNER_KEY, OWNER_SECRET);
            VSWITCHES.forEach((zone, vsw) -> simulator.registerVSwitch(PLATFORM_UID, REGION, VPC, vsw, zone));
        }
        return Map.of(
                "plc.alicloud.endpoint", simulator.hostAndPort(),
                "plc.alicloud.protocol", "http",
                "plc.alicloud.access-key-id", PLATFORM_KEY,
                "plc.alicloud.access-key-secret", secret);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; it dies with the JVM.
    }

    /** A customer service in the given zones, whitelisting the platform account or not. */
    static ServiceRef customerService(List<String> zones, boolean whitelistPlatform, Acceptance acceptance) {
        ServiceRef service = simulator.createEndpointService(OWNER_UID, REGION, acceptance, zones);
        if (whitelistPlatform) {
            simulator.addUserToService(service.serviceId(), PLATFORM_UID);
        }
        return service;
    }
}
