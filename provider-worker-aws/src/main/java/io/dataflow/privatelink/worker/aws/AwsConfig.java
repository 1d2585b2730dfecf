package io.dataflow.privatelink.worker.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the AWS worker reaches EC2 and Route 53 (prefix {@code plc.aws}). */
@ConfigMapping(prefix = "plc.aws")
public interface AwsConfig {

    /** EC2 endpoint override (the simulator); absent in production, where the SDK resolves the region's endpoint. */
    Optional<URI> ec2Endpoint();

    /** Route 53 endpoint override (the simulator); absent in production. */
    Optional<URI> route53Endpoint();

    /** STS endpoint override (the simulator); absent in production. */
    Optional<URI> stsEndpoint();

    /**
     * The platform account the worker's credentials must belong to, checked at start-up and every few minutes
     * with STS GetCallerIdentity (readiness DOWN on a mismatch); absent: the account is only logged.
     */
    Optional<String> platformAccountId();

    /**
     * A role to assume per platform account, by account id ({@code plc.aws.account-roles."111122223333"=
     * arn:aws:iam::111122223333:role/dataflow-privatelink-worker}): a cluster whose platform account is listed is
     * reached with that role (STS AssumeRole, from the worker's own credentials, refreshed before expiry); any
     * other with the worker's own credentials. Empty: one account, the worker's own.
     */
    Map<String, String> accountRoles();

    /** The external id the roles' trust policies require, if they do. */
    Optional<String> roleExternalId();

    /** Static credentials; absent in production, where the SDK's default chain (role, environment) applies. */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Timeout of one EC2 call, retries and waits for the rate budget included. */
    @WithDefault("60s")
    Duration callTimeout();

    Retry retry();

    Budgets budgets();

    /** Retries inside one call, for throttling and 5xx, with jittered exponential backoff. */
    interface Retry {
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("100ms")
        Duration baseDelay();

        /** Throttling backs off from a longer base: the bucket needs time to refill. */
        @WithDefault("500ms")
        Duration throttlingBaseDelay();

        @WithDefault("20s")
        Duration maxBackoff();
    }

    /**
     * Client-side token buckets mirroring EC2's own (per account and region), so the worker does not
     * spend its quota in bursts that EC2 would throttle. Defaults are EC2's published buckets.
     */
    interface Budgets {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("100")
        int describeCapacity();

        @WithDefault("20")
        double describeRefillPerSecond();

        /** CreateVpcEndpoint and DeleteVpcEndpoints. */
        @WithDefault("4")
        int mutateCapacity();

        @WithDefault("0.3")
        double mutateRefillPerSecond();

        /** How long a describe may wait for a token (describes refill fast; the watch should not skip). */
        @WithDefault("30s")
        Duration describeMaxWait();

        /**
         * How long a create or delete may wait for a token. Zero: without a token the call is left to a
         * later cycle, so a burst of creates never holds up the watch of everything else.
         */
        @WithDefault("0s")
        Duration mutateMaxWait();

        /** Route 53: five requests per second per account, every action alike. */
        @WithDefault("5")
        int route53Capacity();

        @WithDefault("5")
        double route53RefillPerSecond();

        @WithDefault("10s")
        Duration route53MaxWait();
    }
}
