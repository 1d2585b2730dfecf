package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.FlatParams;
import io.dataflow.privatelink.simulator.common.FlatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one EC2 Query request. EC2 flattens lists as {@code Name.1, Name.2, …} and structures
 * as {@code Name.1.Member}, e.g. {@code Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1}; {@link #list} and
 * {@link #structs} undo that (with {@link FlatParams}).
 */
final class QueryRequest extends FlatRequest<QueryRequest> {

    private static final Errors ERRORS = new Errors(Ec2ApiError::missingParameter,
            (name, value) -> Ec2ApiError.invalidParameterValue("Invalid value '" + value + "' for " + name));

    QueryRequest(Map<String, String> params) {
        super(params, ERRORS, QueryRequest::new);
    }

    /** Anything but {@code true} (case-insensitive) is false, as EC2 reads booleans. */
    boolean bool(String name, boolean defaultValue) {
        String v = string(name);
        return v == null ? defaultValue : Boolean.parseBoolean(v);
    }

    List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        for (QueryRequest f : structs("Filter")) {
            filters.add(new Filter(f.required("Name"), f.list("Value")));
        }
        return filters;
    }

    /** Tags of {@code TagSpecification.N} whose ResourceType is the given one; other types are rejected as AWS does. */
    List<Tag> tagsFor(String resourceType) {
        List<Tag> tags = new ArrayList<>();
        for (QueryRequest spec : structs("TagSpecification")) {
            String type = spec.string("ResourceType");
            if (!resourceType.equals(type)) {
                throw Ec2ApiError.invalidParameterValue(
                        "'" + type + "' is not a valid taggable resource type for this operation.");
            }
            for (QueryRequest t : spec.structs("Tag")) {
                String key = t.required("Key");
                String value = t.all().getOrDefault("Value", "");
                tags.add(new Tag(key, value));
            }
        }
        return tags;
    }

    /**
     * What identifies the request for ClientToken idempotency: every parameter except the action envelope
     * and the token itself, so "same token, same parameters" can be told from a mismatch.
     */
    String fingerprint() {
        StringBuilder sb = new StringBuilder();
        all().forEach((k, v) -> {
            if (!k.equals("Action") && !k.equals("Version") && !k.equals("ClientToken") && !k.equals("DryRun")
                    && !k.equals("AWSAccessKeyId") && !k.startsWith("X-Amz-") && !k.startsWith("Signature")) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }

    record Filter(String name, List<String> values) {
    }

    record Tag(String key, String value) implements java.io.Serializable {
    }
}
