package io.dataflow.privatelink.simulator.msk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a cluster policy is read: principals, actions, resources, Deny. */
class MskClusterPolicyTest {

    private static final String CLUSTER = "arn:aws:kafka:us-east-1:222222222222:cluster/c/0123-1";

    private static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    }

    @Test
    void theDocumentedPolicyAllowsItsAccountsTheirActionsOnly() {
        String policy = MskClusterPolicy.allowingMultiVpc(CLUSTER, "111111111111");
        assertNull(MskClusterPolicy.problemWith(policy));
        assertTrue(MskClusterPolicy.allows(policy, "111111111111", "CreateVpcConnection", CLUSTER));
        assertTrue(MskClusterPolicy.allows(policy, "111111111111", "DescribeClusterV2", CLUSTER));
        assertFalse(MskClusterPolicy.allows(policy, "111111111111", "GetClusterPolicy", CLUSTER));
        assertFalse(MskClusterPolicy.allows(policy, "333333333333", "CreateVpcConnection", CLUSTER));
        assertFalse(MskClusterPolicy.allows(policy, "111111111111", "CreateVpcConnection", CLUSTER + "0"));
        assertFalse(MskClusterPolicy.allows(null, "111111111111", "CreateVpcConnection", CLUSTER));
    }

    @Test
    void principalsActionsAndResourcesTakeTheirUsualForms() {
        assertTrue(MskClusterPolicy.allows(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kafka:*\"}"),
                "111111111111", "CreateVpcConnection", CLUSTER));
        assertTrue(MskClusterPolicy.allows(policy("[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111111111111\"]},"
                + "\"Action\":[\"KAFKA:createvpcconnection\"],\"Resource\":\"arn:aws:kafka:us-east-1:222222222222:cluster/c/*\"}]"),
                "111111111111", "CreateVpcConnection", CLUSTER));
        assertFalse(MskClusterPolicy.allows(policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111111111111:role/someone\"},\"Action\":\"*\"}"), "111111111111", "CreateVpcConnection",
                CLUSTER), "a role names no account here");
        assertFalse(MskClusterPolicy.allows(policy("[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"kafka:Create*\"}]"),
                "111111111111", "CreateVpcConnection", CLUSTER), "Deny wins");
    }

    @Test
    void documentsMskWouldNotStoreAreRefused() {
        assertNotNull(MskClusterPolicy.problemWith("{"));
        assertNotNull(MskClusterPolicy.problemWith("[]"));
        assertNotNull(MskClusterPolicy.problemWith(policy("[]")));
        assertNotNull(MskClusterPolicy.problemWith(policy("[{\"Effect\":\"Maybe\"}]")));
    }
}
