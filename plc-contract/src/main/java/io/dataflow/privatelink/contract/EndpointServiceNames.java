package io.dataflow.privatelink.contract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats of endpoint service names, and the region each one names:
 * AWS {@code com.amazonaws.vpce.<region>.vpce-svc-<17 hex>},
 * Alibaba Cloud {@code com.aliyuncs.privatelink.<region>.epsrv-<id>}.
 */
public final class EndpointServiceNames {

    private static final Pattern AWS = Pattern.compile("com\\.amazonaws\\.vpce\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.vpce-svc-[0-9a-f]{17}");
    private static final Pattern ALICLOUD = Pattern.compile("com\\.aliyuncs\\.privatelink\\.([a-z]{2}(?:-[a-z0-9]+)+)\\.epsrv-[0-9a-z]{10,32}");
    private static final String AWS_REGION_REGEX = "[a-z]{2}(?:-[a-z]+)+-\\d";
    private static final Pattern AWS_REGION = Pattern.compile(AWS_REGION_REGEX);

    public static final String AWS_EXAMPLE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
    public static final String ALICLOUD_EXAMPLE = "com.aliyuncs.privatelink.cn-hangzhou.epsrv-bp1c2d3e4f5g6h7i8j9k";

    private EndpointServiceNames() {
    }

    /** The region named by a well-formed service name of this type; empty when the name is malformed. */
    public static Optional<String> regionOf(ConnectionType type, String serviceName) {
        if (serviceName == null) {
            return Optional.empty();
        }
        Matcher matcher = (type == ConnectionType.AWS_ENDPOINT_SERVICE ? AWS : ALICLOUD).matcher(serviceName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static boolean isAwsRegion(String region) {
        return region != null && AWS_REGION.matcher(region).matches();
    }

    /**
     * The whole-name regular expression of this type (group 1: the region), in the syntax Java and
     * JavaScript share: the console checks input with the same rule as the API.
     */
    public static String pattern(ConnectionType type) {
        return (type == ConnectionType.AWS_ENDPOINT_SERVICE ? AWS : ALICLOUD).pattern();
    }

    public static String awsRegionPattern() {
        return AWS_REGION_REGEX;
    }

    /** An example of a valid name of this type, for error messages. */
    public static String example(ConnectionType type) {
        return type == ConnectionType.AWS_ENDPOINT_SERVICE ? AWS_EXAMPLE : ALICLOUD_EXAMPLE;
    }
}
