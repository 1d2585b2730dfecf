package io.dataflow.privatelink.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
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
}
