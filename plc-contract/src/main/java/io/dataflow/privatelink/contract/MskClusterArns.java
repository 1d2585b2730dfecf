package io.dataflow.privatelink.contract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of an Amazon MSK cluster's ARN, {@code arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>-<n>}, and
 * what it names: the region and the owner's account. The API, the console and the AWS worker's pre-flight apply this
 * one rule (issue 31: connections to MSK Provisioned over multi-VPC private connectivity).
 */
public final class MskClusterArns {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws:kafka:([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):cluster/([A-Za-z][A-Za-z0-9-]{0,63})/"
                    + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\\d+)");

    public static final String EXAMPLE =
            "arn:aws:kafka:us-east-1:222222222222:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2";

    /** What a well-formed ARN names. */
    public record MskClusterArn(String region, String accountId, String clusterName) {
    }

    private MskClusterArns() {
    }

    /** What the ARN names; empty when it is malformed. */
    public static Optional<MskClusterArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn);
        return m.matches() ? Optional.of(new MskClusterArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** The whole-ARN regular expression, in the syntax Java and JavaScript share (group 1: the region). */
    public static String pattern() {
        return ARN.pattern();
    }
}
