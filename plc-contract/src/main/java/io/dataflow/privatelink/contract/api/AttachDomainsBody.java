package io.dataflow.privatelink.contract.api;

/** Body of {@code :attachDomains}: {@code {"attachDomain": {"type": ..., "uniqueName": ...}, "validateOnly": ...}}. */
public record AttachDomainsBody(AttachDomain attachDomain, Boolean validateOnly) {

    public boolean dryRun() {
        return Boolean.TRUE.equals(validateOnly);
    }
}
