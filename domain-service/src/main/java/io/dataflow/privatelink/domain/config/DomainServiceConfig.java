package io.dataflow.privatelink.domain.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import io.smallrye.config.WithDefault;

/** Typed configuration of domain-service (prefix {@code plc}). */
@ConfigMapping(prefix = "plc")
public interface DomainServiceConfig {

    Paging paging();

    History history();

    Integration integration();

    Subscriptions subscriptions();

    ReadYourWrites readYourWrites();

    interface ReadYourWrites {
        /** How long a query waits for the caller's latest command to be projected. */
        @WithDefault("5s")
        Duration maxWait();
    }

    interface Subscriptions {
        /** How often an idle status stream carries a comment, so proxies do not close it. */
        @WithDefault("15s")
        Duration heartbeat();
    }

    /** The integration stream for other dataflow services. */
    interface Integration {
        @WithDefault(io.dataflow.privatelink.contract.event.Topics.CONNECTIONS)
        String topic();

        @WithDefault("/privatelink/domain-service")
        String eventSource();
    }

    /** How long a deleted connection's history is kept (its tombstone with it). */
    interface History {
        @WithDefault("30d")
        Duration retention();

        /** How often expired histories are purged. */
        @WithDefault("1h")
        Duration purgeInterval();
    }

    interface Paging {
        /** Page size when the caller gives none. */
        @WithDefault("10")
        int defaultPageSize();

        /** Largest page a caller may ask for. */
        @WithDefault("100")
        int maxPageSize();
    }
}
