package io.dataflow.privatelink.simulator.ec2;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.VPCRegion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A simulator with two accounts (the platform consuming services, a customer owning them) and real SDK
 * clients for both. Retries are off so each SDK call is exactly one HTTP request.
 */
final class SimulatorHarness implements AutoCloseable {

    static final String PLATFORM_ACCOUNT = "111111111111";
    static final String PLATFORM_KEY = "AKIDPLATFORM0000001";
    static final String PLATFORM_PRINCIPAL = "arn:aws:iam::" + PLATFORM_ACCOUNT + ":root";
    static final String OWNER_ACCOUNT = "222222222222";
    static final String OWNER_KEY = "AKIDOWNER0000000002";
    static final String OTHER_ACCOUNT = "333333333333";
    static final String OTHER_KEY = "AKIDOTHER0000000003";

    static final String VPC = "vpc-0platform0000001";
    /** Subnets in use1-az1 and use1-az2 (offered by default services) and use1-az4 (not offered). */
    static final String SUBNET_A = "subnet-0aaaaaaaaaaaaaaa1";
    static final String SUBNET_B = "subnet-0bbbbbbbbbbbbbbb2";
    static final String SUBNET_D = "subnet-0ddddddddddddddd4";
    /** A second subnet in use1-az1, to provoke DuplicateSubnetsInSameZone. */
    static final String SUBNET_A2 = "subnet-0aaaaaaaaaaaaaaa2";
    static final String NLB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/net/customer-db/0123456789abcdef";

    final Ec2Simulator simulator;
    final Ec2Client platform;
    final Ec2Client owner;
    private final List<Ec2Client> clients = new ArrayList<>();
    private Route53Client route53;

    private SimulatorHarness(Ec2SimulatorConfig config) {
        simulator = Ec2Simulator.start(0, config)
                .addAccount(PLATFORM_ACCOUNT, PLATFORM_KEY)
                .addAccount(OWNER_ACCOUNT, OWNER_KEY)
                .addAccount(OTHER_ACCOUNT, OTHER_KEY)
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_A, "use1-az1", "us-east-1a")
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_B, "use1-az2", "us-east-1b")
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_D, "use1-az4", "us-east-1d")
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_A2, "use1-az1", "us-east-1a");
        platform = client(PLATFORM_KEY);
        owner = client(OWNER_KEY);
    }

    static SimulatorHarness start(Ec2SimulatorConfig config) {
        return new SimulatorHarness(config);
    }

    static SimulatorHarness start() {
        return start(Ec2SimulatorConfig.builder()
                .availableDelay(Duration.ofMillis(300))
                .deletionDelay(Duration.ofMillis(100))
                .build());
    }

    Ec2Client client(String accessKey) {
        return client(accessKey, b -> b.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
    }

    Ec2Client client(String accessKey, Consumer<Ec2ClientBuilder> customizer) {
        Ec2ClientBuilder builder = Ec2Client.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey, "not-checked")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        customizer.accept(builder);
        Ec2Client client = builder.build();
        clients.add(client);
        return client;
    }

    /** Route 53 as the platform account, created on first use. */
    Route53Client route53() {
        if (route53 == null) {
            route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(simulator.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(PLATFORM_KEY, "not-checked")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return route53;
    }

    /** A private hosted zone associated with {@code vpcId}, holding {@code cnames} (owner → target); its id. */
    String privateZone(String vpcId, String zoneName, Map<String, String> cnames) {
        String zoneId = route53().createHostedZone(r -> r.name(zoneName).callerReference("ref-" + UUID.randomUUID())
                .hostedZoneConfig(c -> c.privateZone(true)).vpc(v -> v.vpcId(vpcId).vpcRegion(VPCRegion.US_EAST_1)))
                .hostedZone().id();
        List<Change> changes = cnames.entrySet().stream().map(e -> Change.builder().action(ChangeAction.CREATE)
                .resourceRecordSet(s -> s.name(e.getKey()).type(RRType.CNAME).ttl(60L)
                        .resourceRecords(rr -> rr.value(e.getValue())))
                .build()).toList();
        route53().changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(changes)));
        return zoneId;
    }

    /** The owner creates a service on its NLB; not yet shared with anyone. */
    ServiceConfiguration createService(boolean acceptanceRequired) {
        return owner.createVpcEndpointServiceConfiguration(r -> r
                .networkLoadBalancerArns(NLB_ARN)
                .acceptanceRequired(acceptanceRequired)).serviceConfiguration();
    }

    /** The owner creates a service and allows the platform account, as a customer following the docs would. */
    ServiceConfiguration createSharedService(boolean acceptanceRequired) {
        ServiceConfiguration service = createService(acceptanceRequired);
        owner.modifyVpcEndpointServicePermissions(r -> r
                .serviceId(service.serviceId())
                .addAllowedPrincipals(PLATFORM_PRINCIPAL));
        return service;
    }

    CreateVpcEndpointResponse createEndpoint(String serviceName, String clientToken, Map<String, String> tags,
                                             String... subnets) {
        return platform.createVpcEndpoint(r -> r
                .vpcEndpointType("Interface")
                .vpcId(VPC)
                .serviceName(serviceName)
                .subnetIds(subnets)
                .securityGroupIds("sg-0123456789abcdef0")
                .privateDnsEnabled(false)
                .clientToken(clientToken)
                .tagSpecifications(TagSpecification.builder()
                        .resourceType(ResourceType.VPC_ENDPOINT)
                        .tags(tags.entrySet().stream()
                                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                .toList())
                        .build()));
    }

    VpcEndpoint describe(String endpointId) {
        return platform.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0);
    }

    /** The wire state; the SDK's {@code state()} enum cannot represent {@code pendingAcceptance}. */
    String stateOf(String endpointId) {
        return describe(endpointId).stateAsString();
    }

    @Override
    public void close() {
        clients.forEach(Ec2Client::close);
        if (route53 != null) {
            route53.close();
        }
        simulator.close();
    }
}
