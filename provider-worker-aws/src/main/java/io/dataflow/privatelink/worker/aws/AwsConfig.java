package io.dataflow.privatelink.worker.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How the AWS worker reaches EC2 (prefix {@code plc.aws}). */
@ConfigMapping(prefix = "plc.aws")
public interface AwsConfig {

    /** EC2 endpoint override (the simulator); absent in production, where the SDK resolves the region's endpoint. */
    Optional<URI> ec2Endpoint();

    /** Static credentials; absent in production, where the SDK's default chain (role, environment) applies. */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Timeout of one EC2 call, retries included. */
    @WithDefault("30s")
    Duration callTimeout();
}
