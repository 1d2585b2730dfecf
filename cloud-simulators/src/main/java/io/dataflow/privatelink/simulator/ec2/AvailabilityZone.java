package io.dataflow.privatelink.simulator.ec2;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An availability zone as AWS identifies it: the physical zone id ({@code use1-az1}), which is
 * what PrivateLink matches between provider and consumer, and the per-account zone name
 * ({@code us-east-1a}), which is what the API shows.
 */
public record AvailabilityZone(String id, String name) implements java.io.Serializable {

    private static final Pattern ZONE_NAME = Pattern.compile("^([a-z]+(?:-[a-z]+)+-\\d+)[a-z]+$");

    public AvailabilityZone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    public static AvailabilityZone of(String id, String name) {
        return new AvailabilityZone(id, name);
    }

    /** The region a zone name belongs to ({@code us-east-1a} → {@code us-east-1}), or null. */
    public String region() {
        Matcher m = ZONE_NAME.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Three zones {@code <region>a..c} with ids built like AWS's ({@code us-east-1} → {@code use1-az1..3};
     * {@code ap-northeast-1} → {@code apne1-az1..3}). Used when a region has no explicit zones configured.
     */
    public static List<AvailabilityZone> defaultsFor(String region) {
        String prefix = zoneIdPrefix(region);
        return List.of(
                new AvailabilityZone(prefix + "-az1", region + "a"),
                new AvailabilityZone(prefix + "-az2", region + "b"),
                new AvailabilityZone(prefix + "-az3", region + "c"));
    }

    static String zoneIdPrefix(String region) {
        String[] parts = region.toLowerCase(Locale.ROOT).split("-", -1);
        if (parts.length < 3) {
            return region.replace("-", "");
        }
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            sb.append(switch (parts[i]) {
                case "northeast" -> "ne";
                case "northwest" -> "nw";
                case "southeast" -> "se";
                case "southwest" -> "sw";
                default -> parts[i].substring(0, 1);
            });
        }
        return sb.append(parts[parts.length - 1]).toString();
    }
}
