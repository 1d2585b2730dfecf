package io.dataflow.privatelink.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

class CloudSimulatorsMainTest {

    @Test
    void startsTheEc2SimulatorSeededFromArguments() {
        try (Ec2Simulator ec2 = CloudSimulatorsMain.startEc2(new String[] {
                "--ec2-port=0", "--region=eu-west-1", "--account=111111111111:AKIDMAIN",
                "--subnet=111111111111:vpc-main:subnet-main:euw1-az1:eu-west-1a"});
             Ec2Client client = Ec2Client.builder()
                     .endpointOverride(ec2.endpoint())
                     .region(Region.EU_WEST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMAIN", "x")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder())
                     .build()) {
            assertEquals(0, client.describeVpcEndpoints(r -> { }).vpcEndpoints().size());
            // The subnet is known: the service name, not the VPC, is what fails here.
            Ec2Exception e = assertThrows(Ec2Exception.class, () ->
                    client.createVpcEndpoint(r -> r.vpcEndpointType("Interface").vpcId("vpc-main")
                            .serviceName("com.amazonaws.vpce.eu-west-1.vpce-svc-00000000000000000")
                            .subnetIds("subnet-main")));
            assertEquals("InvalidServiceName", e.awsErrorDetails().errorCode());
            assertEquals("eu-west-1", ec2.config().defaultRegion());
        }
    }

    @Test
    void startsTheAlibabaCloudSimulatorSeededFromArguments() throws ClientException {
        try (AlicloudSimulator alicloud = CloudSimulatorsMain.startAlicloud(new String[] {
                "--alicloud-port=0", "--alicloud-account=1000000000000001:LTAI5tMain:se:cret",
                "--alicloud-vswitch=1000000000000001:cn-beijing:vpc-main:vsw-main:cn-beijing-h",
                "--alicloud-active-delay-ms=5"})) {
            DefaultAcsClient client = new DefaultAcsClient(
                    DefaultProfile.getProfile("cn-beijing", "LTAI5tMain", "se:cret"));
            client.setEndpointResolver(r -> alicloud.hostAndPort());
            ListVpcEndpointsRequest list = new ListVpcEndpointsRequest();
            list.setSysProtocol(ProtocolType.HTTP);
            assertEquals(0, client.getAcsResponse(list).getEndpoints().size());

            // The vSwitch is known, so an endpoint can be placed in it.
            AlicloudSimulator.ServiceRef service = alicloud.createEndpointService("1000000000000002", "cn-beijing",
                    true, List.of("cn-beijing-h"));
            alicloud.addUserToService(service.serviceId(), "1000000000000001");
            CreateVpcEndpointRequest.Zone zone = new CreateVpcEndpointRequest.Zone();
            zone.setZoneId("cn-beijing-h");
            zone.setVSwitchId("vsw-main");
            CreateVpcEndpointRequest create = new CreateVpcEndpointRequest();
            create.setSysProtocol(ProtocolType.HTTP);
            create.setServiceName(service.serviceName());
            create.setVpcId("vpc-main");
            create.setSecurityGroupIds(List.of("sg-main"));
            create.setZones(List.of(zone));
            assertEquals("Creating", client.getAcsResponse(create).getEndpointStatus());

            CreateVpcEndpointRequest elsewhere = new CreateVpcEndpointRequest();
            elsewhere.setSysProtocol(ProtocolType.HTTP);
            elsewhere.setServiceName(service.serviceName());
            elsewhere.setVpcId("vpc-unknown");
            elsewhere.setSecurityGroupIds(List.of("sg-main"));
            ClientException e = assertThrows(ClientException.class, () -> client.getAcsResponse(elsewhere));
            assertEquals("ResourceNotFound.Vpc", e.getErrCode());
            assertEquals(Duration.ofMillis(5), alicloud.config().activeDelay());
            client.shutdown();
        }
    }
}
