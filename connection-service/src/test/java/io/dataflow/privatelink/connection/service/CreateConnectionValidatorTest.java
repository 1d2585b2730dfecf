package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.service.CreateConnectionValidator.ValidCreate;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.CreatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.api.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The create refusals and acceptances, one row per rule, with no service around them. */
class CreateConnectionValidatorTest {

    static final ClusterPlacement AWS_CLUSTER = new ClusterPlacement("1001", "project-a", CloudProvider.AWS,
            "us-east-1", "111111111111", "vpc-0test", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
    static final ClusterPlacement ALI_CLUSTER = new ClusterPlacement("1002", "project-a", CloudProvider.ALICLOUD,
            "cn-hangzhou", "1000000000000001", "vpc-ali", List.of("cn-hangzhou-i"), Map.of(), "sg-2");
    static final String AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
    static final String ALI_SERVICE = "com.aliyuncs.privatelink.cn-hangzhou.epsrv-bp1abcdefghij1234567";

    private final CreateConnectionValidator validator = new CreateConnectionValidator();

    static Stream<Arguments> refusals() {
        return Stream.of(
                argumentSet("no connection in the body", AWS_CLUSTER, "{}", "The request body must be"),
                argumentSet("no display name", AWS_CLUSTER, aws("", AWS_SERVICE), "displayName is required"),
                argumentSet("a blank display name", AWS_CLUSTER, aws("   ", AWS_SERVICE), "displayName is required"),
                argumentSet("a display name over 64 characters", AWS_CLUSTER, aws("x".repeat(65), AWS_SERVICE),
                        "at most 64 characters; it has 65"),
                argumentSet("a control character in the display name", AWS_CLUSTER, aws("a\\u0007b", AWS_SERVICE),
                        "must not contain control characters"),
                argumentSet("no type", AWS_CLUSTER, "{\"privateLinkConnection\": {\"displayName\": \"x\"}}",
                        "type is required; for this cluster use AWS_ENDPOINT_SERVICE"),
                argumentSet("the other cloud's type", AWS_CLUSTER, ali("x", ALI_SERVICE),
                        "does not match cluster 1001, which runs on AWS: use AWS_ENDPOINT_SERVICE"),
                argumentSet("AWS on an Alibaba Cloud cluster", ALI_CLUSTER, aws("x", AWS_SERVICE),
                        "runs on ALICLOUD: use ALICLOUD_ENDPOINT_SERVICE"),
                argumentSet("both clouds' services", AWS_CLUSTER, """
                        {"privateLinkConnection": {"displayName": "x", "type": "AWS_ENDPOINT_SERVICE",
                         "awsEndpointService": {"name": "%s"}, "alicloudEndpointService": {"name": "%s"}}}"""
                        .formatted(AWS_SERVICE, ALI_SERVICE), "alicloudEndpointService does not apply"),
                argumentSet("no AWS service", AWS_CLUSTER,
                        "{\"privateLinkConnection\": {\"displayName\": \"x\", \"type\": \"AWS_ENDPOINT_SERVICE\"}}",
                        "awsEndpointService.name is required, e.g. com.amazonaws.vpce."),
                argumentSet("a malformed AWS service name", AWS_CLUSTER,
                        aws("x", "com.amazonaws.vpce.us-east-1.vpce-svc-xyz"), "is not an AWS endpoint service name"),
                argumentSet("an AWS service in another region", AWS_CLUSTER,
                        aws("x", "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"),
                        "is in region eu-west-1 but the connection targets region us-east-1 (the cluster's region)."
                                + " Set awsEndpointService.region to eu-west-1"),
                argumentSet("a region that is no AWS region", AWS_CLUSTER, """
                        {"privateLinkConnection": {"displayName": "x", "type": "AWS_ENDPOINT_SERVICE",
                         "awsEndpointService": {"name": "%s", "region": "mars-1"}}}""".formatted(AWS_SERVICE),
                        "'mars-1' is not an AWS region code"),
                argumentSet("no Alibaba Cloud service", ALI_CLUSTER,
                        "{\"privateLinkConnection\": {\"displayName\": \"x\", \"type\": \"ALICLOUD_ENDPOINT_SERVICE\"}}",
                        "alicloudEndpointService.name is required"),
                argumentSet("an AWS service on an Alibaba Cloud connection", ALI_CLUSTER, """
                        {"privateLinkConnection": {"displayName": "x", "type": "ALICLOUD_ENDPOINT_SERVICE",
                         "awsEndpointService": {"name": "%s"}}}""".formatted(AWS_SERVICE),
                        "awsEndpointService does not apply to ALICLOUD_ENDPOINT_SERVICE"),
                argumentSet("a malformed Alibaba Cloud service name", ALI_CLUSTER, ali("x", "epsrv-123"),
                        "is not an Alibaba Cloud endpoint service name"),
                argumentSet("an Alibaba Cloud service in another region", ALI_CLUSTER,
                        ali("x", "com.aliyuncs.privatelink.cn-beijing.epsrv-2zeabcdefghij1234567"),
                        "is in region cn-beijing but cluster 1002 is in cn-hangzhou: use an endpoint service in cn-hangzhou"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesWithAnInvalidArgumentThatSaysWhat(ClusterPlacement cluster, String body, String says) {
        ApiException refused = assertThrows(ApiException.class, () -> validator.validate(cluster, parse(body)));
        assertEquals(RpcCode.INVALID_ARGUMENT, refused.code());
        assertTrue(refused.getMessage().contains(says), refused.getMessage());
    }

    static Stream<Arguments> acceptances() {
        return Stream.of(
                argumentSet("AWS, the region from the cluster", AWS_CLUSTER, aws("  orders  ", " " + AWS_SERVICE + " "),
                        new ValidCreate("orders", ConnectionType.AWS_ENDPOINT_SERVICE, AWS_SERVICE, "us-east-1")),
                argumentSet("AWS, a service of another region named as such", AWS_CLUSTER, """
                        {"privateLinkConnection": {"displayName": "x", "type": "AWS_ENDPOINT_SERVICE",
                         "awsEndpointService": {"name": "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
                         "region": " eu-west-1 "}}}""",
                        new ValidCreate("x", ConnectionType.AWS_ENDPOINT_SERVICE,
                                "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", "eu-west-1")),
                argumentSet("Alibaba Cloud, in the cluster's region", ALI_CLUSTER, ali("x", ALI_SERVICE),
                        new ValidCreate("x", ConnectionType.ALICLOUD_ENDPOINT_SERVICE, ALI_SERVICE, "cn-hangzhou")),
                argumentSet("a display name of exactly 64 characters", AWS_CLUSTER, aws("y".repeat(64), AWS_SERVICE),
                        new ValidCreate("y".repeat(64), ConnectionType.AWS_ENDPOINT_SERVICE, AWS_SERVICE, "us-east-1")));
    }

    @ParameterizedTest
    @MethodSource("acceptances")
    void acceptsWhatIsValidTrimmedAndWithItsRegion(ClusterPlacement cluster, String body, ValidCreate expected) {
        assertEquals(expected, validator.validate(cluster, parse(body)));
    }

    static String aws(String displayName, String service) {
        return """
                {"privateLinkConnection": {"displayName": "%s", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(displayName, service);
    }

    static String ali(String displayName, String service) {
        return """
                {"privateLinkConnection": {"displayName": "%s", "type": "ALICLOUD_ENDPOINT_SERVICE",
                 "alicloudEndpointService": {"name": "%s"}}}""".formatted(displayName, service);
    }

    static CreatePrivateLinkConnectionBody parse(String json) {
        return EventJson.read(json, CreatePrivateLinkConnectionBody.class);
    }
}
