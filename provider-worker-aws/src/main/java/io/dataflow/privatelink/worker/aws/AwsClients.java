package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.timing.TokenBucket;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.metrics.CloudCallMetrics;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
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
import software.amazon.awssdk.services.route53.Route53ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS clients of the worker, built from configuration only. A platform account listed in
 * {@code plc.aws.account-roles} is reached with its role, any other with the worker's own credentials; each
 * principal gets one EC2 client per region (one rate budget per account and region, as EC2 counts) and one
 * Route 53 client (a global service, one budget per account).
 */
@ApplicationScoped
public class AwsClients {

    /** The principal of accounts without a role of their own: the worker's own credentials. */
    private static final String OWN = "";

    private final AwsConfig config;
    private final String roleSessionName;
    private final Map<String, AwsCredentialsProvider> credentialsByPrincipal = new ConcurrentHashMap<>();
    private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final Map<String, Route53Client> route53 = new ConcurrentHashMap<>();
    private final Map<String, StsClient> sts = new ConcurrentHashMap<>();

    private final CloudCallMetrics metrics;
    /** A span per API call (OpenTelemetry's AWS SDK instrumentation), under the reconcile step's span. */
    private final AwsSdkTelemetry telemetry;

    AwsClients(AwsConfig config, DeploymentIdentity deployment, CloudCallMetrics metrics, OpenTelemetry openTelemetry) {
        this.config = config;
        this.metrics = metrics;
        this.telemetry = AwsSdkTelemetry.create(openTelemetry);
        // who made a call, in the account's CloudTrail: this deployment's worker
        this.roleSessionName = "dataflow-privatelink-" + deployment.id();
    }

    /** EC2 in one region of one platform account. */
    public Ec2Client ec2(CloudLocation location) {
        String principal = principalOf(location.accountId());
        return ec2.computeIfAbsent(principal + "|" + location.region(), key -> buildEc2(principal, location.region()));
    }

    /** Route 53 of one platform account. */
    public Route53Client route53(String accountId) {
        return route53.computeIfAbsent(principalOf(accountId), this::buildRoute53);
    }

    /** STS with the worker's own credentials (the account check; assuming roles). */
    public StsClient sts() {
        return sts.computeIfAbsent(OWN, this::buildSts);
    }

    /** STS as the role of a listed account (empty for others): the account check of each role. */
    public Optional<StsClient> stsAsRoleOf(String accountId) {
        return config.accountRoles().containsKey(accountId)
                ? Optional.of(sts.computeIfAbsent(accountId, this::buildSts)) : Optional.empty();
    }

    /** The time EC2's create/delete budget takes per call once spent (the same in every account and region). */
    Optional<Duration> mutatePace() {
        return config.budgets().enabled()
                ? new TokenBucket(1, config.budgets().mutateRefillPerSecond()).perToken()
                : Optional.empty();
    }

    private String principalOf(String accountId) {
        return accountId != null && config.accountRoles().containsKey(accountId) ? accountId : OWN;
    }

    private Ec2Client buildEc2(String principal, String region) {
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(principal))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> common(c, AwsRateBudget.ec2(config.budgets(), metrics)));
        config.ec2Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private Route53Client buildRoute53(String principal) {
        Route53ClientBuilder builder = Route53Client.builder()
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials(principal))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> common(c, AwsRateBudget.route53(config.budgets(), metrics)));
        config.route53Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private StsClient buildSts(String principal) {
        StsClientBuilder builder = StsClient.builder()
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials(principal))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> {
                    AwsCallMetrics calls = new AwsCallMetrics(metrics);
                    c.apiCallTimeout(config.callTimeout()).addExecutionInterceptor(calls).addMetricPublisher(calls)
                            .addExecutionInterceptor(telemetry.newExecutionInterceptor());
                });
        config.stsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private void common(ClientOverrideConfiguration.Builder c, AwsRateBudget budget) {
        c.apiCallTimeout(config.callTimeout());
        AwsCallMetrics calls = new AwsCallMetrics(metrics);
        c.addExecutionInterceptor(calls).addMetricPublisher(calls);
        c.addExecutionInterceptor(telemetry.newExecutionInterceptor());
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

    private AwsCredentialsProvider credentials(String principal) {
        return credentialsByPrincipal.computeIfAbsent(principal, p -> p.equals(OWN) ? ownCredentials()
                : StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts())
                        .refreshRequest(r -> {
                            r.roleArn(config.accountRoles().get(p)).roleSessionName(roleSessionName);
                            config.roleExternalId().ifPresent(r::externalId);
                        })
                        .build());
    }

    private AwsCredentialsProvider ownCredentials() {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @PreDestroy
    void close() {
        List<AutoCloseable> all = new ArrayList<>(ec2.values());
        all.addAll(route53.values());
        all.addAll(sts.values());
        credentialsByPrincipal.values().stream().filter(AutoCloseable.class::isInstance)
                .map(AutoCloseable.class::cast).forEach(all::add);
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing at shutdown: nothing to do about it
            }
        }
    }
}
