package io.dataflow.privatelink.deploy.local;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.AddUserToVpcEndpointServiceRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.ec2.AvailabilityZone;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeds the simulators with the demo world; idempotent, so a restarted stack finds the same world (the
 * simulators keep their state in the data folder). The infrastructure facts (accounts, subnets, the
 * customer's load balancer) go through the simulator's own API; the customer's endpoint service is
 * made the way a customer makes it, with EC2 API calls through the real SDK.
 */
final class DemoSeed {

    record Seeded(String awsServiceId, String awsServiceName, String alicloudServiceId, String alicloudServiceName,
                  String awsBrokenKafkaServiceId, String awsBrokenKafkaServiceName) {
    }

    private DemoSeed() {
    }

    static Seeded seed(Ec2Simulator ec2, AlicloudSimulator alicloud) throws ClientException {
        List<ServiceRef> aws = seedAws(ec2);
        ServiceRef ali = seedAlicloud(alicloud);
        return new Seeded(aws.get(0).id(), aws.get(0).name(), ali.id(), ali.name(), aws.get(1).id(), aws.get(1).name());
    }

    private record ServiceRef(String id, String name) {
    }

    /** The customer's Kafka service, then its misconfigured one. */
    private static List<ServiceRef> seedAws(Ec2Simulator ec2) {
        ec2.addAccount(DemoEnvironment.AWS_PLATFORM_ACCOUNT, DemoEnvironment.AWS_PLATFORM_ACCESS_KEY);
        ec2.addAccount(DemoEnvironment.AWS_CUSTOMER_ACCOUNT, DemoEnvironment.AWS_CUSTOMER_ACCESS_KEY);
        DemoEnvironment.AWS_ZONES.forEach((zoneId, nameAndSubnet) -> ec2.registerSubnet(
                DemoEnvironment.AWS_PLATFORM_ACCOUNT, DemoEnvironment.AWS_PLATFORM_VPC, nameAndSubnet.get(1), zoneId,
                nameAndSubnet.get(0)));
        // The customer's Kafka sits behind a load balancer in two of the cluster's zones.
        ec2.registerLoadBalancer(DemoEnvironment.AWS_CUSTOMER_ACCOUNT, DemoEnvironment.AWS_CUSTOMER_NLB_ARN, List.of(
                AvailabilityZone.of("use1-az1", "us-east-1a"), AvailabilityZone.of("use1-az2", "us-east-1b")));
        ec2.registerLoadBalancer(DemoEnvironment.AWS_CUSTOMER_ACCOUNT, DemoEnvironment.AWS_CUSTOMER_BROKEN_KAFKA_NLB_ARN,
                List.of(AvailabilityZone.of("use1-az1", "us-east-1a"), AvailabilityZone.of("use1-az2", "us-east-1b")));
        try (Ec2Client customer = Ec2Client.builder()
                .region(Region.of(DemoEnvironment.AWS_REGION))
                .endpointOverride(ec2.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DemoEnvironment.AWS_CUSTOMER_ACCESS_KEY, DemoEnvironment.AWS_CUSTOMER_SECRET)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            return List.of(awsService(customer, DemoEnvironment.AWS_CUSTOMER_NLB_ARN, "demo-kafka-service"),
                    awsService(customer, DemoEnvironment.AWS_CUSTOMER_BROKEN_KAFKA_NLB_ARN, "demo-kafka-misconfigured"));
        }
    }

    /** An endpoint service on the load balancer, the platform account allowed; the same one after a restart. */
    private static ServiceRef awsService(Ec2Client customer, String loadBalancerArn, String clientToken) {
        ServiceConfiguration service = customer.createVpcEndpointServiceConfiguration(r -> r
                .networkLoadBalancerArns(loadBalancerArn)
                .acceptanceRequired(true)
                .clientToken(clientToken)).serviceConfiguration();
        customer.modifyVpcEndpointServicePermissions(r -> r.serviceId(service.serviceId())
                .addAllowedPrincipals("arn:aws:iam::" + DemoEnvironment.AWS_PLATFORM_ACCOUNT + ":root"));
        return new ServiceRef(service.serviceId(), service.serviceName());
    }

    private static ServiceRef seedAlicloud(AlicloudSimulator alicloud) throws ClientException {
        alicloud.addAccount(DemoEnvironment.ALICLOUD_PLATFORM_ACCOUNT, DemoEnvironment.ALICLOUD_PLATFORM_ACCESS_KEY,
                DemoEnvironment.ALICLOUD_PLATFORM_SECRET);
        alicloud.addAccount(DemoEnvironment.ALICLOUD_CUSTOMER_ACCOUNT, DemoEnvironment.ALICLOUD_CUSTOMER_ACCESS_KEY,
                DemoEnvironment.ALICLOUD_CUSTOMER_SECRET);
        DemoEnvironment.ALICLOUD_ZONES.forEach((zone, vSwitch) -> alicloud.registerVSwitch(
                DemoEnvironment.ALICLOUD_PLATFORM_ACCOUNT, DemoEnvironment.ALICLOUD_REGION,
                DemoEnvironment.ALICLOUD_PLATFORM_VPC, vSwitch, zone));
        DefaultAcsClient customer = new DefaultAcsClient(DefaultProfile.getProfile(DemoEnvironment.ALICLOUD_REGION,
                DemoEnvironment.ALICLOUD_CUSTOMER_ACCESS_KEY, DemoEnvironment.ALICLOUD_CUSTOMER_SECRET));
        customer.setEndpointResolver(request -> alicloud.hostAndPort());
        CreateVpcEndpointServiceRequest create = new CreateVpcEndpointServiceRequest();
        create.setSysProtocol(ProtocolType.HTTP);
        create.setSysRegionId(DemoEnvironment.ALICLOUD_REGION);
        create.setAutoAcceptEnabled(false);
        create.setServiceResourceType("slb");
        create.setServiceDescription("customer database (demo)");
        create.setClientToken("demo-database-service"); // the same service again when the stack restarts
        List<CreateVpcEndpointServiceRequest.Resource> resources = new ArrayList<>();
        for (String zone : DemoEnvironment.ALICLOUD_CLUSTER_ZONES) {
            CreateVpcEndpointServiceRequest.Resource resource = new CreateVpcEndpointServiceRequest.Resource();
            resource.setResourceType("slb");
            resource.setResourceId(DemoEnvironment.ALICLOUD_CUSTOMER_SLB);
            resource.setZoneId(zone);
            resources.add(resource);
        }
        create.setResources(resources);
        CreateVpcEndpointServiceResponse service = customer.getAcsResponse(create);
        AddUserToVpcEndpointServiceRequest whitelist = new AddUserToVpcEndpointServiceRequest();
        whitelist.setSysProtocol(ProtocolType.HTTP);
        whitelist.setSysRegionId(DemoEnvironment.ALICLOUD_REGION);
        whitelist.setServiceId(service.getServiceId());
        whitelist.setUserId(Long.valueOf(DemoEnvironment.ALICLOUD_PLATFORM_ACCOUNT));
        customer.getAcsResponse(whitelist);
        return new ServiceRef(service.getServiceId(), service.getServiceName());
    }
}
