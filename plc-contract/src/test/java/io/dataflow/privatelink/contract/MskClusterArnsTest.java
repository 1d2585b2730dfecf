package io.dataflow.privatelink.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MskClusterArnsTest {

    @Test
    void aClusterArnNamesItsRegionOwnerAndName() {
        MskClusterArns.MskClusterArn arn = MskClusterArns.parse(MskClusterArns.EXAMPLE).orElseThrow();
        assertEquals(new MskClusterArns.MskClusterArn("us-east-1", "222222222222", "orders"), arn);
        assertTrue(MskClusterArns.EXAMPLE.matches(MskClusterArns.pattern()), "the console's pattern accepts it too");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "arn:aws:kafka:us-east-1:222222222222:topic/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2/t",
        "arn:aws:kafka:us-east-1:2222:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2",
        "arn:aws:kafka:useast1:222222222222:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2",
        "arn:aws:ec2:us-east-1:222222222222:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2",
        "arn:aws:kafka:us-east-1:222222222222:cluster/orders/not-a-uuid",
        "arn:aws:kafka:us-east-1:222222222222:vpc-connection/222222222222/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2",
        " arn:aws:kafka:us-east-1:222222222222:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2"})
    void anythingElseIsMalformed(String arn) {
        assertTrue(MskClusterArns.parse(arn).isEmpty(), arn);
    }
}
