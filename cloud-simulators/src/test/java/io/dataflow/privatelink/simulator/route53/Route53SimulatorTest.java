package io.dataflow.privatelink.simulator.route53;

import io.dataflow.privatelink.simulator.common.DnsAnswer;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.VPCRegion;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route 53 private hosted zones, driven only through the real AWS SDK Route53Client. */
class Route53SimulatorTest {

    private static final String ACCOUNT = "111111111111";
    private static final String KEY = "AKIDPLATFORM0000001";
    private static final String VPC = "vpc-0platform0000001";
    private static final String ZONE = "u1.aws.plc.tidbcloud.com";

    private Ec2Simulator simulator;
    private Route53Client route53;

    @BeforeEach
    void start() {
        simulator = Ec2Simulator.start(0, Ec2SimulatorConfig.builder()
                .route53ChangeSyncDelay(Duration.ofMillis(300)).build())
                .addAccount(ACCOUNT, KEY)
                .registerSubnet(ACCOUNT, VPC, "subnet-0a", "use1-az1", "us-east-1a");
        route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, "s")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        route53.close();
        simulator.close();
    }

    @Test
    void privateZoneIsIdempotentByCallerReferenceAndFoundByName() {
        CreateHostedZoneResponse created = create(ZONE, "attach-1");
        // The SDK hands ids back without Route 53's "/hostedzone/" prefix.
        assertTrue(created.hostedZone().id().startsWith("Z"), created.hostedZone().id());
        assertEquals(ZONE + ".", created.hostedZone().name());
        assertTrue(created.hostedZone().config().privateZone());
        assertEquals(VPC, created.vpc().vpcId());

        assertEquals("HostedZoneAlreadyExists", code(() -> create(ZONE, "attach-1")));
        List<HostedZone> found = route53.listHostedZonesByName(r -> r.dnsName(ZONE)).hostedZones();
        assertEquals("attach-1", found.get(0).callerReference());
        assertEquals(VPC, route53.getHostedZone(r -> r.id(created.hostedZone().id())).vpCs().get(0).vpcId());
        // The same name on the same VPC would never be answered: refused.
        assertEquals("ConflictingDomainExists", code(() -> create(ZONE, "attach-2")));
    }

    @Test
    void recordChangesAreAllOrNothingAndBecomeInSync() {
        String zoneId = create(ZONE, "attach-1").hostedZone().id();
        var change = route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(
                change(ChangeAction.CREATE, "*.use1-az1." + ZONE, "vpce-1-us-east-1a.example"),
                change(ChangeAction.UPSERT, "*." + ZONE, "vpce-1.example")))).changeInfo();
        assertEquals(ChangeStatus.PENDING, change.status());
        await().atMost(Duration.ofSeconds(5)).until(() ->
                route53.getChange(r -> r.id(change.id())).changeInfo().status() == ChangeStatus.INSYNC);

        assertEquals("InvalidChangeBatch", code(() -> route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .changeBatch(b -> b.changes(change(ChangeAction.UPSERT, "new." + ZONE, "x.example"),
                        change(ChangeAction.CREATE, "*." + ZONE, "vpce-1.example"))))));
        ListResourceRecordSetsResponse records = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId));
        assertEquals(List.of("\\052." + ZONE + ".", "\\052.use1-az1." + ZONE + ".", ZONE + ".", ZONE + "."),
                records.resourceRecordSets().stream().map(ResourceRecordSet::name).sorted().toList());
        assertTrue(records.resourceRecordSets().stream().noneMatch(r -> r.name().startsWith("new.")),
                "a refused batch changes nothing");

        DnsAnswer answer = simulator.resolve(VPC, "b1.use1-az1." + ZONE);
        assertEquals("vpce-1-us-east-1a.example", answer.target());
        assertEquals("NXDOMAIN", simulator.resolve("vpc-0other", "b1.use1-az1." + ZONE).status());
    }

    @Test
    void aZoneWithRecordsCannotBeDeletedUntilTheyAreGoneAndPagesFollowRoute53Order() {
        String zoneId = create(ZONE, "attach-1").hostedZone().id();
        for (int i = 0; i < 5; i++) {
            String name = "*.use1-az" + i + "." + ZONE;
            route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(
                    change(ChangeAction.CREATE, name, "t.example"))));
        }
        assertEquals("HostedZoneNotEmpty", code(() -> route53.deleteHostedZone(r -> r.id(zoneId))));

        ListResourceRecordSetsResponse first = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).maxItems("3"));
        assertTrue(first.isTruncated());
        ListResourceRecordSetsResponse second = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .startRecordName(first.nextRecordName()).startRecordType(first.nextRecordType()));
        assertEquals(7, first.resourceRecordSets().size() + second.resourceRecordSets().size());

        List<Change> deletions = second.resourceRecordSets().stream().filter(s -> s.type() == RRType.CNAME)
                .map(s -> Change.builder().action(ChangeAction.DELETE).resourceRecordSet(s).build()).toList();
        List<Change> more = first.resourceRecordSets().stream().filter(s -> s.type() == RRType.CNAME)
                .map(s -> Change.builder().action(ChangeAction.DELETE).resourceRecordSet(s).build()).toList();
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(
                java.util.stream.Stream.concat(deletions.stream(), more.stream()).toList())));
        route53.deleteHostedZone(r -> r.id(zoneId));
        assertEquals("NoSuchHostedZone", code(() -> route53.getHostedZone(r -> r.id(zoneId))));
    }

    @Test
    void injectedFaultsAnswerWithRoute53sCodes() {
        simulator.injectFault("CreateHostedZone", FaultSpec.throttling().times(1));
        assertEquals("Throttling", code(() -> create(ZONE, "attach-1")));
        simulator.injectFault("ChangeResourceRecordSets", FaultSpec.priorRequestNotComplete().times(1));
        String zoneId = create(ZONE, "attach-1").hostedZone().id();
        assertEquals("PriorRequestNotComplete", code(() -> route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .changeBatch(b -> b.changes(change(ChangeAction.UPSERT, "*." + ZONE, "x.example"))))));
        assertEquals(2, simulator.callCount("CreateHostedZone"));
    }

    @Test
    void describeAvailabilityZonesMapsZoneNamesToIds() {
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, "s")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            List<AvailabilityZone> zones = ec2.describeAvailabilityZones(r -> r.filters(Filter.builder()
                    .name("region-name").values("us-east-1").build())).availabilityZones();
            AvailabilityZone a = zones.stream().filter(z -> z.zoneName().equals("us-east-1a")).findFirst().orElseThrow();
            assertEquals("use1-az1", a.zoneId());
            assertEquals("us-east-1", a.regionName());
        }
    }

    private CreateHostedZoneResponse create(String name, String reference) {
        return route53.createHostedZone(r -> r.name(name).callerReference(reference)
                .hostedZoneConfig(c -> c.privateZone(true).comment("test"))
                .vpc(v -> v.vpcId(VPC).vpcRegion(VPCRegion.US_EAST_1)));
    }

    private static Change change(ChangeAction action, String name, String target) {
        return Change.builder().action(action).resourceRecordSet(s -> s.name(name).type(RRType.CNAME).ttl(60L)
                .resourceRecords(rr -> rr.value(target))).build();
    }

    private static String code(Runnable call) {
        Route53Exception e = assertThrows(Route53Exception.class, call::run);
        return e.awsErrorDetails().errorCode();
    }
}
