package io.dataflow.privatelink.simulator.msk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An MSK cluster policy (an IAM resource-based policy), read simply: what matters is whether it lets an account
 * perform an action on the cluster. A statement applies to a caller when its {@code Principal} is {@code "*"} or
 * its {@code Principal.AWS} (a string or a list) names the caller's account id or {@code arn:aws:iam::<account>:root},
 * to an action when its {@code Action} (a string or a list, {@code *} wildcards, case-insensitive) matches
 * {@code kafka:<Action>}, and to the cluster when its {@code Resource} (absent, a string or a list, wildcards)
 * matches the cluster's ARN. An applying {@code Deny} wins over any {@code Allow}. {@code Condition},
 * {@code NotAction}, {@code NotPrincipal} and {@code NotResource} are not evaluated: a statement with one of the
 * last three never applies; a role or user ARN names no caller (callers are accounts here).
 */
public final class MskClusterPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the MSK documentation has a cluster owner attach so that other accounts can connect with multi-VPC
     * private connectivity: {@code kafka:CreateVpcConnection}, {@code kafka:GetBootstrapBrokers},
     * {@code kafka:DescribeCluster} and {@code kafka:DescribeClusterV2} for each account (as
     * {@code arn:aws:iam::<account>:root}), on the cluster.
     */
    public static String allowingMultiVpc(String clusterArn, String... accountIds) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject().put("Effect", "Allow");
        ArrayNode principals = statement.putObject("Principal").putArray("AWS");
        for (String account : accountIds) {
            principals.add("arn:aws:iam::" + account + ":root");
        }
        statement.putArray("Action").add("kafka:CreateVpcConnection").add("kafka:GetBootstrapBrokers")
                .add("kafka:DescribeCluster").add("kafka:DescribeClusterV2");
        statement.put("Resource", clusterArn);
        return policy.toString();
    }

    private MskClusterPolicy() {
    }

    /**
     * Whether {@code policy} is a policy document MSK would store: a JSON object with a non-empty
     * {@code Statement} whose entries each have an {@code Effect} of Allow or Deny; the reason when it is not.
     */
    static String problemWith(String policy) {
        JsonNode root;
        try {
            root = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            return "The policy is not valid JSON.";
        }
        if (root == null || !root.isObject()) {
            return "The policy must be a JSON object.";
        }
        List<JsonNode> statements = statements(root);
        if (statements.isEmpty()) {
            return "The policy must contain at least one statement.";
        }
        for (JsonNode statement : statements) {
            String effect = statement.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                return "Each policy statement must have an Effect of Allow or Deny.";
            }
        }
        return null;
    }

    /** Whether {@code policy} (null: none) lets {@code accountId} perform {@code kafka:<action>} on {@code resourceArn}. */
    static boolean allows(String policy, String accountId, String action, String resourceArn) {
        if (policy == null) {
            return false;
        }
        JsonNode root;
        try {
            root = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode statement : statements(root)) {
            if (applies(statement, accountId, "kafka:" + action, resourceArn)) {
                if (statement.path("Effect").asText("").equals("Deny")) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    private static List<JsonNode> statements(JsonNode root) {
        JsonNode statement = root.path("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (statement.isObject()) {
            out.add(statement);
        } else if (statement.isArray()) {
            statement.forEach(out::add);
        }
        return out;
    }

    private static boolean applies(JsonNode statement, String accountId, String action, String resourceArn) {
        if (statement.has("NotAction") || statement.has("NotPrincipal") || statement.has("NotResource")) {
            return false;
        }
        return principalMatches(statement.path("Principal"), accountId)
                && values(statement.path("Action")).stream().anyMatch(a -> glob(a, true).matcher(action).matches())
                && (statement.path("Resource").isMissingNode()
                || values(statement.path("Resource")).stream().anyMatch(r -> glob(r, false).matcher(resourceArn).matches()));
    }

    private static boolean principalMatches(JsonNode principal, String accountId) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        return values(principal.path("AWS")).stream().anyMatch(p -> p.equals("*") || p.equals(accountId)
                || p.equals("arn:aws:iam::" + accountId + ":root"));
    }

    /** A string or a list of strings; empty for anything else. */
    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }

    /** An IAM pattern: {@code *} any run of characters, {@code ?} one; actions compare case-insensitively. */
    private static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("((?<=[*?])|(?=[*?]))", -1)) {
            switch (part) {
                case "*" -> regex.append(".*");
                case "?" -> regex.append('.');
                default -> regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }
}
