package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** The API's {@code AttachDomain}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttachDomain(
        String attachDomainId,
        String clusterId,
        String privateLinkConnectionId,
        String type,
        String uniqueName,
        List<Domain> domains,
        String createdBy,
        Instant createTime) {
}
