package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.worker.budget.TokenBucket;
import software.amazon.awssdk.core.exception.NonRetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.Set;

/**
 * Spends EC2's request quota on the client side before EC2 would refuse it: every HTTP attempt
 * (retries included) takes a token from the bucket of its action, waiting when the bucket is empty.
 * One instance per EC2 client, and clients are per region: EC2 meters per account and region.
 */
final class Ec2RateBudget implements ExecutionInterceptor {

    private static final Set<String> MUTATIONS = Set.of("CreateVpcEndpoint", "DeleteVpcEndpoints");

    private final AwsConfig.Budgets config;
    private final TokenBucket describe;
    private final TokenBucket mutate;

    Ec2RateBudget(AwsConfig.Budgets config) {
        this.config = config;
        this.describe = new TokenBucket(config.describeCapacity(), config.describeRefillPerSecond());
        this.mutate = new TokenBucket(config.mutateCapacity(), config.mutateRefillPerSecond());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean mutation = MUTATIONS.contains(operation);
        TokenBucket bucket = mutation ? mutate : operation != null && operation.startsWith("Describe") ? describe : null;
        if (bucket == null) {
            return;
        }
        Duration maxWait = mutation ? config.mutateMaxWait() : config.describeMaxWait();
        try {
            if (!bucket.acquire(maxWait)) {
                // Not retried inside the call: the reconcile cycle tries again when tokens have refilled.
                throw NonRetryableException.create("client-side rate budget for " + operation
                        + " is spent; the call waits for a later cycle");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting for the rate budget", e);
        }
    }
}
