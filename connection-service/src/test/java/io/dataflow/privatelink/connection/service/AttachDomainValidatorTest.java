package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.service.AttachDomainValidator.ValidAttach;
import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AttachDomainsBody;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainNames;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.kit.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** Which domains attach to which connections (DESIGN section 5), one row per combination and refusal. */
class AttachDomainValidatorTest {

    static final String MANAGED_NAME = "abcdefghijklmnopqrstuvwxyz";
    static final ConnectionSnapshot AWS = connection(ConnectionType.AWS_ENDPOINT_SERVICE, "us-east-1",
            ConnectionState.ACTIVE, List.of("use1-az1", "use1-az2"));
    static final ConnectionSnapshot ALI = connection(ConnectionType.ALICLOUD_ENDPOINT_SERVICE, "cn-hangzhou",
            ConnectionState.ACTIVE, List.of("cn-hangzhou-i"));

    private final AttachDomainValidator validator = new AttachDomainValidator(BaseDomains.DEFAULT);

    static Stream<Arguments> combinations() {
        return Stream.of(
                argumentSet("AWS takes managed domains, one per zone", AWS, DomainType.TIDBCLOUD_MANAGED,
                        MANAGED_NAME, List.of("*.use1-az1." + MANAGED_NAME + ".aws.plc.tidbcloud.com",
                                "*.use1-az2." + MANAGED_NAME + ".aws.plc.tidbcloud.com")),
                argumentSet("AWS takes Confluent domains of its service's region, regional and per zone", AWS,
                        DomainType.CONFLUENT, "n1abc2.us-east-1", List.of("*.n1abc2.us-east-1.aws.confluent.cloud",
                                "*.use1-az1.n1abc2.us-east-1.aws.confluent.cloud",
                                "*.use1-az2.n1abc2.us-east-1.aws.confluent.cloud")),
                argumentSet("Alibaba Cloud takes managed domains, one wildcard", ALI, DomainType.TIDBCLOUD_MANAGED,
                        MANAGED_NAME, List.of("*." + MANAGED_NAME + ".alicloud.plc.tidbcloud.com")));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void attachesTheSupportedCombinationsWithTheirPlan(ConnectionSnapshot connection, DomainType type,
                                                       String uniqueName, List<String> domains) {
        ValidAttach valid = validator.validate(connection, body(type.name(), uniqueName, false));
        assertEquals(type, valid.type());
        assertEquals(uniqueName, valid.uniqueName());
        assertEquals(domains, valid.plan().domainNames());
    }

    static Stream<Arguments> refusals() {
        ConnectionSnapshot creating = connection(ConnectionType.AWS_ENDPOINT_SERVICE, "us-east-1",
                ConnectionState.CREATING, null);
        ConnectionSnapshot failed = connection(ConnectionType.AWS_ENDPOINT_SERVICE, "us-east-1",
                ConnectionState.FAILED, null);
        return Stream.of(
                argumentSet("no attachDomain", AWS, new AttachDomainsBody(null, true), RpcCode.INVALID_ARGUMENT,
                        "The request body must be"),
                argumentSet("no type", AWS, body(null, null, true), RpcCode.INVALID_ARGUMENT,
                        "attachDomain.type is required; AWS_ENDPOINT_SERVICE connections support TIDBCLOUD_MANAGED and CONFLUENT"),
                argumentSet("a type that is none", AWS, body("GCP_MANAGED", null, true), RpcCode.INVALID_ARGUMENT,
                        "'GCP_MANAGED' is not a domain type; AWS_ENDPOINT_SERVICE connections support TIDBCLOUD_MANAGED and CONFLUENT"),
                argumentSet("Confluent on Alibaba Cloud", ALI, body("CONFLUENT", "n1abc2.cn-hangzhou", true),
                        RpcCode.INVALID_ARGUMENT, "CONFLUENT domains cannot be attached to ALICLOUD_ENDPOINT_SERVICE"
                                + " connections; they support TIDBCLOUD_MANAGED"),
                argumentSet("a managed attach without its name", AWS, body("TIDBCLOUD_MANAGED", null, false),
                        RpcCode.INVALID_ARGUMENT, "call with validateOnly=true and no uniqueName to get a generated one"),
                argumentSet("a managed name that no dry run made", AWS, body("TIDBCLOUD_MANAGED", "Not-Base32!", false),
                        RpcCode.INVALID_ARGUMENT, "must be the 26 lowercase base32 characters"),
                argumentSet("a Confluent attach without its name", AWS, body("CONFLUENT", " ", true),
                        RpcCode.INVALID_ARGUMENT, "uniqueName is required for CONFLUENT domains"),
                argumentSet("a Confluent name without its region", AWS, body("CONFLUENT", "n1abc2", false),
                        RpcCode.INVALID_ARGUMENT, "expected <network-id>.<region>"),
                argumentSet("a Confluent network of another region", AWS, body("CONFLUENT", "n1abc2.eu-west-1", false),
                        RpcCode.INVALID_ARGUMENT, "is in region eu-west-1, but connection plc-1 reaches a service in us-east-1"),
                argumentSet("a connection whose endpoint is being created", creating,
                        body("TIDBCLOUD_MANAGED", null, true), RpcCode.FAILED_PRECONDITION,
                        "PENDING_ACCEPTANCE or ACTIVE (its endpoint must exist); connection plc-1 is CREATING."
                                + " Retry once its endpoint is created."),
                argumentSet("a failed connection", failed, body("TIDBCLOUD_MANAGED", MANAGED_NAME, false),
                        RpcCode.FAILED_PRECONDITION, "connection plc-1 is FAILED."),
                argumentSet("bad input is reported before the state", creating, body("CONFLUENT", "n1abc2", false),
                        RpcCode.INVALID_ARGUMENT, "expected <network-id>.<region>"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesSayingWhy(ConnectionSnapshot connection, AttachDomainsBody body, RpcCode code, String says) {
        ApiException refused = assertThrows(ApiException.class, () -> validator.validate(connection, body));
        assertEquals(code, refused.code());
        assertTrue(refused.getMessage().contains(says), refused.getMessage());
    }

    @Test
    void aManagedDryRunWithoutANameGetsAFreshOneEachTime() {
        ValidAttach first = validator.validate(AWS, body("TIDBCLOUD_MANAGED", null, true));
        ValidAttach second = validator.validate(AWS, body("tidbcloud_managed", "", true));
        assertTrue(DomainNames.isManagedUniqueName(first.uniqueName()), first.uniqueName());
        assertTrue(first.dryRun());
        assertTrue(!first.uniqueName().equals(second.uniqueName()));
    }

    static AttachDomainsBody body(String type, String uniqueName, boolean validateOnly) {
        return new AttachDomainsBody(new AttachDomain(null, null, null, type, uniqueName, null, null, null),
                validateOnly);
    }

    static ConnectionSnapshot connection(ConnectionType type, String serviceRegion, ConnectionState state,
                                         List<String> azIds) {
        return new ConnectionSnapshot("plc-1", "1001", "x", type, "service", serviceRegion, state, null,
                azIds == null ? null : "ep-1", azIds, "someone", Instant.EPOCH, Instant.EPOCH);
    }
}
