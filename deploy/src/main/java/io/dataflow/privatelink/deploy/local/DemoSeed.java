package io.dataflow.privatelink.deploy.local;

import io.dataflow.privatelink.simulator.ec2.AvailabilityZone;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

import java.util.List;

/**
 * Seeds the simulators with the demo world. The infrastructure facts (accounts, subnets, the
 * customer's load balancer) go through the simulator's own API; the customer's endpoint service is
 * made the way a customer makes it, with EC2 API calls through the real SDK.
 */
final class DemoSeed {

    record Seeded(String awsServiceId, String awsServiceName) {
    }

    private DemoSeed() {
    }

    static Seeded seedAws(Ec2Simulator ec2) {
        ec2.addAccount(DemoEnvironment.AWS_PLATFORM_ACCOUNT, DemoEnvironment.AWS_PLATFORM_ACCESS_KEY);
        ec2.addAccount(DemoEnvironment.AWS_CUSTOMER_ACCOUNT, DemoEnvironment.AWS_CUSTOMER_ACCESS_KEY);
        DemoEnvironment.AWS_ZONES.forEach((zoneId, nameAndSubnet) -> ec2.registerSubnet(
                DemoEnvironment.AWS_PLATFORM_ACCOUNT, DemoEnvironment.AWS_PLATFORM_VPC, nameAndSubnet.get(1), zoneId,
                nameAndSubnet.get(0)));
        // The customer's Kafka sits behind a load balancer in two of the cluster's zones.
        ec2.registerLoadBalancer(DemoEnvironment.AWS_CUSTOMER_ACCOUNT, DemoEnvironment.AWS_CUSTOMER_NLB_ARN, List.of(
                AvailabilityZone.of("use1-az1", "us-east-1a"), AvailabilityZone.of("use1-az2", "us-east-1b")));
        try (Ec2Client customer = Ec2Client.builder()
                .region(Region.of(DemoEnvironment.AWS_REGION))
                .endpointOverride(ec2.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DemoEnvironment.AWS_CUSTOMER_ACCESS_KEY, DemoEnvironment.AWS_CUSTOMER_SECRET)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            ServiceConfiguration service = customer.createVpcEndpointServiceConfiguration(r -> r
                    .networkLoadBalancerArns(DemoEnvironment.AWS_CUSTOMER_NLB_ARN)
                    .acceptanceRequired(true)
                    .clientToken("demo-kafka-service")).serviceConfiguration();
            customer.modifyVpcEndpointServicePermissions(r -> r.serviceId(service.serviceId())
                    .addAllowedPrincipals("arn:aws:iam::" + DemoEnvironment.AWS_PLATFORM_ACCOUNT + ":root"));
            return new Seeded(service.serviceId(), service.serviceName());
        }
    }
}
