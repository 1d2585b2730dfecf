package io.dataflow.privatelink.domain.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of domain-service (prefix {@code plc}). */
@ConfigMapping(prefix = "plc")
public interface DomainServiceConfig {

    Paging paging();

    interface Paging {
        /** Page size when the caller gives none. */
        @WithDefault("10")
        int defaultPageSize();

        /** Largest page a caller may ask for. */
        @WithDefault("100")
        int maxPageSize();
    }
}
