package io.dataflow.privatelink.worker.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One EC2 client per region (so one rate budget per account and region), built from configuration only. */
@ApplicationScoped
public class Ec2Clients {

    private final AwsConfig config;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

    Ec2Clients(AwsConfig config) {
        this.config = config;
    }

    public Ec2Client forRegion(String region) {
        return clients.computeIfAbsent(region, this::build);
    }

    private Ec2Client build(String region) {
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> {
                    c.apiCallTimeout(config.callTimeout());
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
                        c.addExecutionInterceptor(new Ec2RateBudget(config.budgets()));
                    }
                });
        config.ec2Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
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
        clients.values().forEach(Ec2Client::close);
    }
}
