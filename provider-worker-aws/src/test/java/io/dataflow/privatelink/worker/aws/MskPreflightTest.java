package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.MskClusterArns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each reason an MSK cluster cannot be connected to has its own message, found before anything is created. */
class MskPreflightTest {

    private static final String ARN = MskClusterArns.EXAMPLE;
    private static final String PLATFORM = "111111111111";
    private static final List<String> ZONES = List.of("use1-az1", "use1-az2", "use1-az4");
    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": ["arn:aws:iam::111111111111:root"]},
              "Action": ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers", "kafka:DescribeClusterV2"],
              "Resource": "%s"}]}""".formatted(ARN);

    private static MskClusterView cluster(boolean provisioned, Set<MskAuthentication> multiVpc, String policy,
                                          List<String> zones) {
        return new MskClusterView(ARN, "us-east-1", provisioned, zones, multiVpc, policy);
    }

    private static MskClusterView ready() {
        return cluster(true, Set.of(MskAuthentication.SASL_SCRAM), POLICY, List.of("use1-az1", "use1-az2", "use1-az3"));
    }

    private static Optional<MskPreflight.Refusal> check(String arn, MskClusterView cluster, String region,
                                                        MskAuthentication authentication) {
        return MskPreflight.refusal(arn, cluster, region, authentication, PLATFORM, ZONES);
    }

    @Test
    void aProvisionedClusterWithMultiVpcOnAPolicyForThePlatformAndTwoSharedZonesPasses() {
        assertEquals(Optional.empty(), check(ARN, ready(), "us-east-1", MskAuthentication.SASL_SCRAM));
    }

    @Test
    void eachFailureSaysWhatTheOwnerChanges() {
        refused(check("arn:aws:kafka:us-east-1:222222222222:cluster/orders", ready(), "us-east-1",
                MskAuthentication.SASL_SCRAM), FailureReason.SERVICE_NOT_VISIBLE, "is not an MSK cluster ARN");
        refused(check(ARN, ready(), "eu-west-1", MskAuthentication.SASL_SCRAM), FailureReason.SERVICE_IN_ANOTHER_REGION,
                "is in us-east-1, but this cluster is in eu-west-1");
        refused(check(ARN, null, "us-east-1", MskAuthentication.SASL_SCRAM), FailureReason.SERVICE_NOT_VISIBLE,
                "does not exist, or account 111111111111 may not see it");
        refused(check(ARN, cluster(false, Set.of(MskAuthentication.SASL_IAM), POLICY, ZONES), "us-east-1",
                MskAuthentication.SASL_IAM), FailureReason.CREATE_REFUSED, "is serverless");
        refused(check(ARN, cluster(true, Set.of(), POLICY, ZONES), "us-east-1", MskAuthentication.SASL_SCRAM),
                FailureReason.CREATE_REFUSED, "Multi-VPC private connectivity is off");
        refused(check(ARN, ready(), "us-east-1", MskAuthentication.SASL_IAM), FailureReason.CREATE_REFUSED,
                "is on for [SASL_SCRAM] but not for SASL_IAM");
        refused(check(ARN, cluster(true, Set.of(MskAuthentication.SASL_SCRAM), POLICY.replace("111111111111", "333333333333"),
                ZONES), "us-east-1", MskAuthentication.SASL_SCRAM), FailureReason.SERVICE_NOT_VISIBLE,
                "does not allow account 111111111111");
        refused(check(ARN, cluster(true, Set.of(MskAuthentication.SASL_SCRAM), POLICY, List.of("use1-az1", "use1-az3",
                "use1-az5")), "us-east-1", MskAuthentication.SASL_SCRAM), FailureReason.NO_SHARED_ZONE,
                "needs at least two shared zones, and they share only use1-az1");
    }

    @Test
    void aPolicyThePlatformMayNotReadIsLeftToTheCreateWhichMskRefusesWithItsOwnMessage() {
        assertEquals(Optional.empty(), check(ARN, cluster(true, Set.of(MskAuthentication.SASL_SCRAM), null, ZONES),
                "us-east-1", MskAuthentication.SASL_SCRAM));
    }

    @Test
    void aPolicyAllowsTheAccountByRootArnOrIdAndByAWildcardActionButNotByDenyOrAnotherAction() {
        assertTrue(MskPreflight.allows(POLICY, PLATFORM));
        assertTrue(MskPreflight.allows("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "kafka:*"}}""", PLATFORM));
        assertEquals(false, MskPreflight.allows("""
                {"Statement": [{"Effect": "Deny", "Principal": {"AWS": "111111111111"}, "Action": "*"}]}""", PLATFORM));
        assertEquals(false, MskPreflight.allows("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "kafka:DescribeClusterV2"}]}""",
                PLATFORM));
        assertEquals(false, MskPreflight.allows("not json", PLATFORM));
    }

    private static void refused(Optional<MskPreflight.Refusal> refusal, FailureReason reason, String says) {
        assertTrue(refusal.isPresent(), "refused: " + says);
        assertEquals(reason, refusal.get().reason(), refusal.get().message());
        assertTrue(refusal.get().message().contains(says), refusal.get().message());
    }
}
