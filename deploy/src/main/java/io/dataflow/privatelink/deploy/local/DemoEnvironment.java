package io.dataflow.privatelink.deploy.local;

import java.util.List;
import java.util.Map;

/**
 * The demo world the local stack seeds: the platform's accounts and networks, one AWS and two
 * Alibaba Cloud clusters (two tenants of one platform account and region, which take turns at its rate
 * budget), and a customer who owns endpoint services. All of it is fiction that the
 * simulators accept; nothing here is used outside the local stack and its tests.
 */
final class DemoEnvironment {

    static final String PROJECT_ID = "demo-project";
    /** The local stack's deployment identity on the simulated clouds' resources (plc.worker.deployment-id). */
    static final String DEPLOYMENT_ID = "local-stack";

    static final String AWS_REGION = "us-east-1";
    static final String AWS_CLUSTER_ID = "10000000000000000001";
    static final String AWS_PLATFORM_ACCOUNT = "111111111111";
    static final String AWS_PLATFORM_ACCESS_KEY = "AKIAPLATFORMDEMO0001";
    static final String AWS_PLATFORM_SECRET = "platform-demo-secret";
    static final String AWS_PLATFORM_VPC = "vpc-0a1b2c3d4e5f60001";
    static final String AWS_PLATFORM_SECURITY_GROUP = "sg-0a1b2c3d4e5f60001";
    /** Zone id → (zone name, platform subnet). */
    static final Map<String, List<String>> AWS_ZONES = Map.of(
            "use1-az1", List.of("us-east-1a", "subnet-0a1b2c3d4e5f60001"),
            "use1-az2", List.of("us-east-1b", "subnet-0a1b2c3d4e5f60002"),
            "use1-az4", List.of("us-east-1c", "subnet-0a1b2c3d4e5f60004"));
    static final List<String> AWS_CLUSTER_ZONES = List.of("use1-az1", "use1-az2", "use1-az4");

    static final String AWS_CUSTOMER_ACCOUNT = "222222222222";
    static final String AWS_CUSTOMER_ACCESS_KEY = "AKIACUSTOMERDEMO0001";
    static final String AWS_CUSTOMER_SECRET = "customer-demo-secret";
    static final String AWS_CUSTOMER_NLB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/net/kafka-demo/0123456789abcdef";

    /**
     * A second Kafka of the customer's, behind its own load balancer and endpoint service, misconfigured on purpose:
     * its broker advertises an EC2 host name ({@link #BROKEN_KAFKA_ADVERTISED_HOST}) that no attached domain can
     * cover, so a connectivity test finds what breaks a changefeed although the connection is ACTIVE.
     */
    static final String AWS_CUSTOMER_BROKEN_KAFKA_NLB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/net/kafka-misconfigured/0fedcba987654321";
    /**
     * The demo Kafka's broker (a real one, in the local stack) advertises names under the Confluent-style domain of
     * this unique name, in zone {@link #DEMO_KAFKA_RACK}: attach it (type CONFLUENT) and dataflow resolves them.
     */
    static final String DEMO_KAFKA_UNIQUE_NAME = "n1demo.us-east-1";
    static final String DEMO_KAFKA_RACK = "use1-az1";
    static final String BROKEN_KAFKA_ADVERTISED_HOST = "ip-10-1-2-3.ec2.internal";

    /** The host the demo Kafka's broker advertises: broker 1 in zone {@link #DEMO_KAFKA_RACK}, under the attached domain. */
    static String demoKafkaAdvertisedHost() {
        return "b1." + DEMO_KAFKA_RACK + "." + DEMO_KAFKA_UNIQUE_NAME + ".aws.confluent.cloud";
    }

    static final String ALICLOUD_REGION = "cn-hangzhou";
    static final String ALICLOUD_CLUSTER_ID = "10000000000000000002";
    /** A second cluster in the same account, region and network: another tenant of the same rate budget. */
    static final String ALICLOUD_SECOND_CLUSTER_ID = "10000000000000000003";
    static final String ALICLOUD_PLATFORM_ACCOUNT = "1000000000000001";
    static final String ALICLOUD_PLATFORM_ACCESS_KEY = "LTAI5tPlatformDemo0001";
    static final String ALICLOUD_PLATFORM_SECRET = "platform-demo-secret";
    static final String ALICLOUD_CUSTOMER_ACCOUNT = "1000000000000002";
    static final String ALICLOUD_CUSTOMER_ACCESS_KEY = "LTAI5tCustomerDemo0002";
    static final String ALICLOUD_CUSTOMER_SECRET = "customer-demo-secret";
    static final String ALICLOUD_CUSTOMER_SLB = "lb-bp1customerdemo00001";
    static final String ALICLOUD_PLATFORM_VPC = "vpc-bp1platformdemo0001";
    static final String ALICLOUD_PLATFORM_SECURITY_GROUP = "sg-bp1platformdemo0001";
    /** Zone id → vSwitch. */
    static final Map<String, String> ALICLOUD_ZONES = Map.of(
            "cn-hangzhou-i", "vsw-bp1platformdemo000i",
            "cn-hangzhou-j", "vsw-bp1platformdemo000j");
    static final List<String> ALICLOUD_CLUSTER_ZONES = List.of("cn-hangzhou-i", "cn-hangzhou-j");

    private DemoEnvironment() {
    }
}
