package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.timing.TokenBucket;
import io.dataflow.privatelink.worker.metrics.CloudCallMetrics;
import software.amazon.awssdk.core.exception.NonRetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * Spends an AWS API's request quota on the client side before AWS would refuse it: every HTTP attempt
 * (retries included) takes a token from the bucket of its action, waiting up to the bucket's limit.
 * One instance per client: EC2 meters per account and region (and EC2 clients are per region), Route 53
 * per account.
 */
final class AwsRateBudget implements ExecutionInterceptor {

    /** A bucket, its name in the metrics, and how long a call may wait for one of its tokens. */
    record Bucket(String name, TokenBucket tokens, Duration maxWait) {
    }

    private static final Set<String> EC2_MUTATIONS = Set.of("CreateVpcEndpoint", "DeleteVpcEndpoints");

    private final Function<String, Bucket> bucketOf;
    private final CloudCallMetrics metrics;

    private AwsRateBudget(Function<String, Bucket> bucketOf, CloudCallMetrics metrics) {
        this.bucketOf = bucketOf;
        this.metrics = metrics;
    }

    /** EC2's describe bucket and its create/delete bucket; other actions are not metered here. */
    static AwsRateBudget ec2(AwsConfig.Budgets config, CloudCallMetrics metrics) {
        Bucket describe = new Bucket("ec2-describe", new TokenBucket(config.describeCapacity(), config.describeRefillPerSecond()),
                config.describeMaxWait());
        Bucket mutate = new Bucket("ec2-mutate", new TokenBucket(config.mutateCapacity(), config.mutateRefillPerSecond()),
                config.mutateMaxWait());
        return new AwsRateBudget(operation -> EC2_MUTATIONS.contains(operation) ? mutate
                : operation != null && operation.startsWith("Describe") ? describe : null, metrics);
    }

    /** Route 53's one bucket for every action of the account (5 requests per second). */
    static AwsRateBudget route53(AwsConfig.Budgets config, CloudCallMetrics metrics) {
        Bucket all = new Bucket("route53", new TokenBucket(config.route53Capacity(), config.route53RefillPerSecond()),
                config.route53MaxWait());
        return new AwsRateBudget(operation -> all, metrics);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Bucket bucket = bucketOf.apply(operation);
        if (bucket == null) {
            return;
        }
        try {
            long start = System.nanoTime();
            boolean granted = bucket.tokens().acquire(bucket.maxWait());
            metrics.budgetWait("AWS", bucket.name(), Duration.ofNanos(System.nanoTime() - start), granted);
            if (!granted) {
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
