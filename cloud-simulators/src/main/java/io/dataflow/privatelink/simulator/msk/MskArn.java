package io.dataflow.privatelink.simulator.msk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MSK ARN taken apart: {@code arn:aws:kafka:<region>:<account>:<type>/<path>}, a cluster's being
 * {@code cluster/<name>/<uuid>-<n>} and a VPC connection's {@code vpc-connection/<cluster owner>/<cluster
 * name>/<uuid>-<n>}.
 *
 * @param type {@code cluster}, {@code vpc-connection}, …
 * @param path what follows the type and its slash
 */
record MskArn(String region, String accountId, String type, String path) {

    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:kafka:([a-z0-9-]+):(\\d{12}):([a-z-]+)/(.+)");
    private static final Pattern CLUSTER_PATH = Pattern.compile("[A-Za-z0-9-]{1,64}/[A-Za-z0-9-]+");

    /** The ARN's parts; empty when it is no MSK ARN. */
    static Optional<MskArn> parse(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new MskArn(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    /** Whether it names a cluster ({@code cluster/<name>/<id>}). */
    boolean isCluster() {
        return type.equals("cluster") && CLUSTER_PATH.matcher(path).matches();
    }
}
