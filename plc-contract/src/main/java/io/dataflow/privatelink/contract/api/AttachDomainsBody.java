package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code :attachDomains}: {@code {"attachDomain": {"type": ..., "uniqueName": ...}, "validateOnly": ...}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttachDomainsBody(AttachDomain attachDomain, Boolean validateOnly) {

    public boolean dryRun() {
        return Boolean.TRUE.equals(validateOnly);
    }
}
