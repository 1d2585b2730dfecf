package io.dataflow.privatelink.worker.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS clients of the worker, built from configuration only: one EC2 client per region (one rate
 * budget per account and region) and one Route 53 client (a global service, one budget per account).
 */
@ApplicationScoped
public class AwsClients {

    private final AwsConfig config;
    private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private volatile Route53Client route53;
    private volatile StsClient sts;

    AwsClients(AwsConfig config) {
        this.config = config;
    }

    public Ec2Client ec2(String region) {
        return ec2.computeIfAbsent(region, this::buildEc2);
    }

    public synchronized Route53Client route53() {
        if (route53 == null) {
            Route53ClientBuilder builder = Route53Client.builder()
                    .region(Region.AWS_GLOBAL)
                    .credentialsProvider(credentials())
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(c -> common(c, AwsRateBudget.route53(config.budgets())));
            config.route53Endpoint().ifPresent(builder::endpointOverride);
            route53 = builder.build();
        }
        return route53;
    }

    /** STS (global), for the account check. */
    public synchronized StsClient sts() {
        if (sts == null) {
            StsClientBuilder builder = StsClient.builder()
                    .region(Region.AWS_GLOBAL)
                    .credentialsProvider(credentials())
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(c -> c.apiCallTimeout(config.callTimeout()));
            config.stsEndpoint().ifPresent(builder::endpointOverride);
            sts = builder.build();
        }
        return sts;
    }

    private Ec2Client buildEc2(String region) {
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> common(c, AwsRateBudget.ec2(config.budgets())));
        config.ec2Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private void common(ClientOverrideConfiguration.Builder c, AwsRateBudget budget) {
        c.apiCallTimeout(config.callTimeout());
        // Throttling (EC2 RequestLimitExceeded, Route 53 Throttling and PriorRequestNotComplete) is retried
        // with a longer backoff than other transient errors: the bucket needs time to refill.
        c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.retry().maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(config.retry().baseDelay(),
                        config.retry().maxBackoff()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                        config.retry().throttlingBaseDelay(), config.retry().maxBackoff()))
                // A breaker would stop retrying during a throttling storm; the budget paces instead.
                .circuitBreakerEnabled(false)
                .build());
        if (config.budgets().enabled()) {
            c.addExecutionInterceptor(budget);
        }
    }

    private AwsCredentialsProvider credentials() {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @PreDestroy
    void close() {
        ec2.values().forEach(Ec2Client::close);
        if (route53 != null) {
            route53.close();
        }
        if (sts != null) {
            sts.close();
        }
    }
}
