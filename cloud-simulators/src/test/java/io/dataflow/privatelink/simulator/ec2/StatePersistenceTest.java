package io.dataflow.privatelink.simulator.ec2;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.PLATFORM_KEY;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.VPC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataflow.privatelink.simulator.common.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.route53.Route53Client;

/** A simulator restarted on its state folder is the same cloud: what it acknowledged is kept. */
class StatePersistenceTest {

    private static final Ec2SimulatorConfig CONFIG = Ec2SimulatorConfig.builder()
            .availableDelay(Duration.ofMillis(200)).deletionDelay(Duration.ofMillis(100)).build();

    @TempDir
    Path folder;

    @Test
    void aSecondSimulatorOnTheFolderSeesWhatTheFirstAcknowledged() {
        try (SimulatorHarness first = SimulatorHarness.start(CONFIG, folder)) {
            ServiceConfiguration service = first.createSharedService(true);
            String endpointId = first.createEndpoint(service.serviceName(), "token-1", Map.of("plc", "c-1"), SUBNET_A)
                    .vpcEndpoint().vpcEndpointId();
            first.owner.acceptVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(endpointId));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.stateOf(endpointId).equals("available"));
            String zoneId;
            try (Route53Client route53 = route53(first.simulator)) {
                zoneId = route53.createHostedZone(r -> r.name("kafka.example.com").callerReference("ref-1")
                        .vpc(v -> v.vpcId(VPC).vpcRegion("us-east-1"))).hostedZone().id().replace("/hostedzone/", "");
            }

            // The first one still runs and was not closed: only what it wrote before answering is there.
            try (SimulatorHarness second = SimulatorHarness.start(CONFIG, folder)) {
                assertEquals("available", second.stateOf(endpointId), "the owner's decision is kept");
                assertEquals(List.of(Tag.builder().key("plc").value("c-1").build()), second.describe(endpointId).tags());
                assertEquals(endpointId, second.createEndpoint(service.serviceName(), "token-1", Map.of("plc", "c-1"),
                        SUBNET_A).vpcEndpoint().vpcEndpointId(), "a client token replayed after the restart");
                assertEquals(List.of(service.serviceName()), second.platform.describeVpcEndpointServices(r -> r
                        .serviceNames(service.serviceName())).serviceNames(), "the service and its allowed principal");
                try (Route53Client route53 = route53(second.simulator)) {
                    assertEquals(List.of(zoneId), route53.listHostedZonesByName(r -> r.dnsName("kafka.example.com")).hostedZones().stream()
                            .map(z -> z.id().replace("/hostedzone/", "")).toList());
                }
            }
        }
    }

    @Test
    void aStateFileThatIsNotOneIsRefusedWithWhatToDo() throws Exception {
        Files.createDirectories(folder);
        Files.write(folder.resolve("ec2.state"), StateFile.serialize("not the ec2 store"));
        Ec2Simulator simulator = Ec2Simulator.start(0, CONFIG);
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> simulator.keepStateIn(folder));
            org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("--reset"), refused.getMessage());
        } finally {
            simulator.close();
        }
    }

    private static Route53Client route53(Ec2Simulator simulator) {
        return Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(PLATFORM_KEY, "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
