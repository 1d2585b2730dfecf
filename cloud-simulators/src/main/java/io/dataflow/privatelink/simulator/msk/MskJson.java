package io.dataflow.privatelink.simulator.msk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MSK's REST JSON, both ways: the response documents with the member names the SDK's {@code kafka} client
 * reads (lowerCamelCase: {@code clusterInfo}, {@code vpcConnectionArn}, …; times as ISO-8601 strings with
 * milliseconds), and the request members read from a body.
 */
final class MskJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Where the brokers listen for clients of a VPC connection: broker {@code n} on {@code 14000 + n}. */
    static final int VPC_CONNECTIVITY_BASE_PORT = 14000;

    /** A scheme's GetBootstrapBrokers members and the port its brokers listen on inside the cluster's VPC. */
    private record Listener(MskAuthentication scheme, String member, String vpcConnectivityMember, int port) {
    }

    private static final List<Listener> LISTENERS = List.of(
            new Listener(MskAuthentication.TLS, "bootstrapBrokerStringTls", "bootstrapBrokerStringVpcConnectivityTls",
                    9094),
            new Listener(MskAuthentication.SASL_SCRAM, "bootstrapBrokerStringSaslScram",
                    "bootstrapBrokerStringVpcConnectivitySaslScram", 9096),
            new Listener(MskAuthentication.SASL_IAM, "bootstrapBrokerStringSaslIam",
                    "bootstrapBrokerStringVpcConnectivitySaslIam", 9098));

    private MskJson() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    // ---- responses ----

    /** DescribeClusterV2's {@code clusterInfo}. */
    static ObjectNode clusterInfo(MskCluster c) {
        ObjectNode info = JSON.createObjectNode()
                .put("clusterArn", c.arn())
                .put("clusterName", c.name())
                .put("clusterType", c.serverless() ? "SERVERLESS" : "PROVISIONED")
                .put("creationTime", time(c.createdAt()))
                .put("currentVersion", c.currentVersion())
                .put("state", "ACTIVE");
        info.putObject("tags");
        if (c.serverless()) {
            ObjectNode serverless = info.putObject("serverless");
            ObjectNode vpcConfig = serverless.putArray("vpcConfigs").addObject();
            strings(vpcConfig.putArray("subnetIds"), c.subnetIds());
            strings(vpcConfig.putArray("securityGroupIds"), c.securityGroups());
            serverless.putObject("clientAuthentication").putObject("sasl").putObject("iam").put("enabled", true);
            return info;
        }
        ObjectNode provisioned = info.putObject("provisioned");
        ObjectNode brokers = provisioned.putObject("brokerNodeGroupInfo")
                .put("brokerAZDistribution", "DEFAULT")
                .put("instanceType", "kafka.m5.large");
        strings(brokers.putArray("clientSubnets"), c.subnetIds());
        strings(brokers.putArray("securityGroups"), c.securityGroups());
        brokers.putObject("storageInfo").putObject("ebsStorageInfo").put("volumeSize", 100);
        ObjectNode connectivity = brokers.putObject("connectivityInfo");
        connectivity.putObject("publicAccess").put("type", "DISABLED");
        if (!c.multiVpc().isEmpty()) {
            // Absent until multi-VPC has been turned on for a scheme, as on a cluster that never had it.
            schemes(connectivity.putObject("vpcConnectivity").putObject("clientAuthentication"), c.multiVpc(), false);
        }
        strings(brokers.putArray("zoneIds"), c.zoneIds());
        schemes(provisioned.putObject("clientAuthentication"), c.clientAuthentication(), true);
        provisioned.putObject("currentBrokerSoftwareInfo").put("kafkaVersion", "3.6.0");
        provisioned.putObject("encryptionInfo").putObject("encryptionInTransit").put("clientBroker", "TLS")
                .put("inCluster", true);
        provisioned.put("enhancedMonitoring", "DEFAULT")
                .put("numberOfBrokerNodes", c.subnets().size())
                .put("storageMode", "LOCAL");
        return info;
    }

    /**
     * DescribeCluster's (v1) {@code clusterInfo}: a provisioned cluster's {@link #clusterInfo} with the members of
     * {@code provisioned} at the top and no {@code clusterType}.
     */
    static ObjectNode clusterInfoV1(MskCluster c) {
        ObjectNode info = clusterInfo(c);
        info.remove("clusterType");
        JsonNode provisioned = info.remove("provisioned");
        provisioned.fields().forEachRemaining(e -> info.set(e.getKey(), e.getValue()));
        return info;
    }

    /**
     * {@code {"sasl":{"scram":{"enabled":…},"iam":{"enabled":…}},"tls":{"enabled":…}}}, and for a cluster's own
     * client authentication {@code "unauthenticated":{"enabled":false}}.
     */
    private static void schemes(ObjectNode into, Set<MskAuthentication> on, boolean unauthenticated) {
        ObjectNode sasl = into.putObject("sasl");
        sasl.putObject("scram").put("enabled", on.contains(MskAuthentication.SASL_SCRAM));
        sasl.putObject("iam").put("enabled", on.contains(MskAuthentication.SASL_IAM));
        into.putObject("tls").put("enabled", on.contains(MskAuthentication.TLS));
        if (unauthenticated) {
            into.putObject("unauthenticated").put("enabled", false);
        }
    }

    /**
     * GetBootstrapBrokers: per client authentication the cluster has, its brokers on that scheme's port (TLS
     * 9094, SASL/SCRAM 9096, IAM 9098), and per scheme multi-VPC connectivity is on for the
     * {@code …VpcConnectivity…} string (broker {@code n} on port {@code 14000 + n}); a serverless cluster's one
     * IAM endpoint.
     */
    static ObjectNode bootstrapBrokers(MskCluster c) {
        ObjectNode out = JSON.createObjectNode();
        if (c.serverless()) {
            return out.put("bootstrapBrokerStringSaslIam", c.brokerDomain() + ":9098");
        }
        List<String> hosts = c.brokerHosts();
        for (Listener listener : LISTENERS) {
            if (c.clientAuthentication().contains(listener.scheme())) {
                out.put(listener.member(), String.join(",", hosts.stream().map(h -> h + ":" + listener.port()).toList()));
            }
            if (c.multiVpc().contains(listener.scheme())) {
                List<String> pairs = new ArrayList<>();
                for (int i = 0; i < hosts.size(); i++) {
                    pairs.add(hosts.get(i) + ":" + (VPC_CONNECTIVITY_BASE_PORT + i + 1));
                }
                out.put(listener.vpcConnectivityMember(), String.join(",", pairs));
            }
        }
        return out;
    }

    /** CreateVpcConnection's response. */
    static ObjectNode created(MskVpcConnection c) {
        ObjectNode out = JSON.createObjectNode()
                .put("vpcConnectionArn", c.arn())
                .put("state", c.state().name())
                .put("authentication", c.authentication().name())
                .put("vpcId", c.vpcId())
                .put("creationTime", time(c.createdAt()));
        strings(out.putArray("clientSubnets"), c.clientSubnets());
        strings(out.putArray("securityGroups"), c.securityGroups());
        tags(out.putObject("tags"), c.tags());
        return out;
    }

    /** DescribeVpcConnection's response (its subnets are {@code subnets} here, not {@code clientSubnets}). */
    static ObjectNode described(MskVpcConnection c) {
        ObjectNode out = JSON.createObjectNode()
                .put("vpcConnectionArn", c.arn())
                .put("targetClusterArn", c.targetClusterArn())
                .put("state", c.state().name())
                .put("authentication", c.authentication().name())
                .put("vpcId", c.vpcId())
                .put("creationTime", time(c.createdAt()));
        strings(out.putArray("subnets"), c.clientSubnets());
        strings(out.putArray("securityGroups"), c.securityGroups());
        tags(out.putObject("tags"), c.tags());
        return out;
    }

    /** An item of ListVpcConnections: no subnets, no tags (ListTagsForResource or DescribeVpcConnection has them). */
    static ObjectNode summary(MskVpcConnection c) {
        return JSON.createObjectNode()
                .put("vpcConnectionArn", c.arn())
                .put("targetClusterArn", c.targetClusterArn())
                .put("creationTime", time(c.createdAt()))
                .put("authentication", c.authentication().name())
                .put("vpcId", c.vpcId())
                .put("state", c.state().name());
    }

    /** An item of ListClientVpcConnections: {@code owner} is the connection's account. */
    static ObjectNode clientConnection(MskVpcConnection c) {
        return JSON.createObjectNode()
                .put("vpcConnectionArn", c.arn())
                .put("authentication", c.authentication().name())
                .put("creationTime", time(c.createdAt()))
                .put("state", c.state().name())
                .put("owner", c.ownerId());
    }

    static ObjectNode tags(ObjectNode into, Map<String, String> tags) {
        tags.forEach(into::put);
        return into;
    }

    /** The error body: {@code {"message":…}} and {@code invalidParameter} when the error names one. */
    static ObjectNode error(MskApiError e) {
        ObjectNode out = JSON.createObjectNode();
        if (e.invalidParameter() != null) {
            out.put("invalidParameter", e.invalidParameter());
        }
        return out.put("message", e.getMessage());
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    // ---- requests ----

    /** The body as a JSON object ({} when empty); BadRequestException when it is not one. */
    static JsonNode body(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw MskApiError.badRequest(null, "The request body is not a valid JSON object.");
    }

    /** A required string member. */
    static String required(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw MskApiError.missing(member);
        }
        return value.asText();
    }

    /** An optional string member; null when absent. */
    static String optional(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A required, non-empty list of strings. */
    static List<String> requiredList(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw MskApiError.missing(member);
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** An optional map of strings ({@code tags}); empty when absent. */
    static Map<String, String> stringMap(JsonNode request, String member) {
        Map<String, String> out = new LinkedHashMap<>();
        request.path(member).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * UpdateConnectivity's {@code connectivityInfo.vpcConnectivity.clientAuthentication}: the schemes turned on
     * (a scheme it leaves out is off); null when the request has no {@code vpcConnectivity} (unchanged).
     */
    static Set<MskAuthentication> multiVpcSchemes(JsonNode request) {
        JsonNode vpcConnectivity = request.path("connectivityInfo").path("vpcConnectivity");
        if (vpcConnectivity.isMissingNode() || vpcConnectivity.isNull()) {
            return null;
        }
        JsonNode auth = vpcConnectivity.path("clientAuthentication");
        Set<MskAuthentication> on = EnumSet.noneOf(MskAuthentication.class);
        if (auth.path("sasl").path("scram").path("enabled").asBoolean(false)) {
            on.add(MskAuthentication.SASL_SCRAM);
        }
        if (auth.path("sasl").path("iam").path("enabled").asBoolean(false)) {
            on.add(MskAuthentication.SASL_IAM);
        }
        if (auth.path("tls").path("enabled").asBoolean(false)) {
            on.add(MskAuthentication.TLS);
        }
        return on;
    }
}
