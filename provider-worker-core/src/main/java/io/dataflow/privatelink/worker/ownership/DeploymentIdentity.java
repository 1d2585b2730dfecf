package io.dataflow.privatelink.worker.ownership;


import io.dataflow.privatelink.contract.ResourceTags;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * This deployment's identity ({@code plc.worker.deployment-id}), carried by every cloud resource a worker
 * makes besides its connection or attachment id. Several control planes (staging and production, one per
 * region) may share a platform account: each observes, adopts and sweeps only what carries its own id.
 */
public record DeploymentIdentity(String id) {

    /** Short and plain, so it fits every cloud's tag value, description and zone comment. */
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public DeploymentIdentity {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("plc.worker.deployment-id (PLC_WORKER_DEPLOYMENT_ID) must be 1-40 "
                    + "lower-case letters, digits or hyphens, starting with a letter or digit, unique per control "
                    + "plane sharing a cloud account (e.g. prod-us-east-1); got '" + id + "'");
        }
    }

    /**
     * Written where a cloud has no tags for the resource (Alibaba endpoint descriptions: SDK 1.0.7, the newest
     * on Maven Central, cannot tag endpoints): {@code <DEPLOYMENT_ID>=<deployment>;<CONNECTION_ID>=<connection>} (ResourceTags).
     */
    public String endpointMarker(String connectionId) {
        return ResourceTags.DEPLOYMENT_ID + "=" + id + ";" + ResourceTags.CONNECTION_ID + "=" + connectionId;
    }

    /** The connection id of a marker this deployment wrote; empty for anyone else's text. */
    public Optional<String> connectionOfEndpointMarker(String text) {
        String prefix = ResourceTags.DEPLOYMENT_ID + "=" + id + ";" + ResourceTags.CONNECTION_ID + "=";
        if (text == null || !text.startsWith(prefix) || text.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(text.substring(prefix.length()));
    }

    /** The comment (Route 53) or remark (PrivateZone) of an attachment's private zone. */
    public String zoneMarker(String attachDomainId) {
        return ResourceTags.DEPLOYMENT_ID + "=" + id + ";" + ResourceTags.ATTACH_DOMAIN_ID + "=" + attachDomainId;
    }
}
