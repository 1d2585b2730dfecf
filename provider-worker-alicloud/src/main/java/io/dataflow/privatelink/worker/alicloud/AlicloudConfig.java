package io.dataflow.privatelink.worker.alicloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the Alibaba Cloud worker reaches PrivateLink and PrivateZone (prefix {@code plc.alicloud}). */
@ConfigMapping(prefix = "plc.alicloud")
public interface AlicloudConfig {

    /**
     * A static AccessKey (the local stack, the simulator). Absent: the SDK's credentials chain, as production
     * runs: {@code ALIBABA_CLOUD_ACCESS_KEY_ID}/{@code _SECRET}, the OIDC role of a Kubernetes pod (RRSA:
     * {@code ALIBABA_CLOUD_ROLE_ARN}, {@code ALIBABA_CLOUD_OIDC_PROVIDER_ARN}, {@code ALIBABA_CLOUD_OIDC_TOKEN_FILE}),
     * the CLI profile, then the ECS instance's RAM role.
     */
    Optional<String> accessKeyId();

    Optional<String> accessKeySecret();

    /** {@code host:port} override for every request (the simulator); absent: the SDK's regional endpoint. */
    Optional<String> endpoint();

    /**
     * PrivateZone's endpoint (a central one serves every region); the {@code endpoint} override, when
     * set, takes precedence.
     */
    @WithDefault("pvtz.aliyuncs.com")
    String privateZoneEndpoint();

    /** {@code https} in production; {@code http} only for the simulator. */
    @WithDefault("https")
    String protocol();

    /** Page size of the batched watch: the API's maximum. */
    @WithDefault("1000")
    int watchPageSize();

    Retry retry();

    Budget budget();

    /** The SDK does not retry throttling itself: the worker does, with jittered exponential backoff. */
    interface Retry {
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("200ms")
        Duration baseDelay();

        @WithDefault("10s")
        Duration maxDelay();
    }

    /** Client-side pacing of create and delete calls, so a burst does not run into the API's flow control. */
    interface Budget {
        @WithDefault("10")
        int mutateCapacity();

        @WithDefault("2")
        double mutateRefillPerSecond();
    }
}
