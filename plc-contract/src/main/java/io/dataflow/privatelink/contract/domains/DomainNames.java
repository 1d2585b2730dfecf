package io.dataflow.privatelink.contract.domains;

import io.dataflow.privatelink.contract.Base32;
import io.dataflow.privatelink.contract.EndpointServiceNames;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unique names of attachments. A managed name is 128 random bits as 26 lowercase base32 characters
 * (only the server makes them; a dry run hands one out). A Confluent name is {@code <network-id>.<region>},
 * the part of a Confluent Dedicated cluster's DNS subdomain before {@code .aws.confluent.cloud}.
 */
public final class DomainNames {

    private static final Pattern MANAGED = Pattern.compile("[a-z2-7]{26}");
    /** A DNS label (the network id), a dot, an AWS region. */
    private static final String DNS_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern CONFLUENT = Pattern.compile("(" + DNS_LABEL + ")\\.([a-z0-9-]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String CONFLUENT_EXAMPLE = "n1abc2.us-east-1";

    private DomainNames() {
    }

    public static String newManagedUniqueName() {
        return Base32.random128(RANDOM);
    }

    public static boolean isManagedUniqueName(String name) {
        return name != null && MANAGED.matcher(name).matches();
    }

    /**
     * The whole-name regular expression of a well-formed Confluent unique name (what
     * {@link #confluentRegion} accepts), in the syntax Java and JavaScript share, for the console.
     */
    public static String confluentPattern() {
        return DNS_LABEL + "\\." + EndpointServiceNames.awsRegionPattern();
    }

    /** The region of a well-formed Confluent unique name; empty when the name is malformed. */
    public static Optional<String> confluentRegion(String uniqueName) {
        if (uniqueName == null) {
            return Optional.empty();
        }
        Matcher m = CONFLUENT.matcher(uniqueName);
        if (!m.matches() || !EndpointServiceNames.isAwsRegion(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(m.group(2));
    }
}
