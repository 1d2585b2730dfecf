package io.dataflow.privatelink.domain.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed configuration of domain-service (prefix {@code plc}). */
@ConfigMapping(prefix = "plc")
public interface DomainServiceConfig {

    Paging paging();

    History history();

    Integration integration();

    Subscriptions subscriptions();

    ReadYourWrites readYourWrites();

    Rebuild rebuild();

    Metrics metrics();

    /** Metrics read from the database (prefix {@code plc.metrics}). */
    interface Metrics {
        /** How often {@code plc_connections} is counted from the read model. */
        @WithDefault("30s")
        Duration connectionsInterval();
    }

    /** The rebuild run (profile {@code rebuild}); see {@code deploy/local/rebuild-read-models}. */
    interface Rebuild {
        @WithDefault("false")
        boolean enabled();

        /** The schema the read models are rebuilt into. */
        @WithDefault("rebuild")
        String schema();

        /** The rebuild's own consumer group, so it reads both topics from their beginning. */
        @WithDefault("domain-service-rebuild")
        String groupId();

        /** Where the live read models are, to compare with. */
        @WithDefault("public")
        String liveSchema();

        /** The live service's consumer group. */
        @WithDefault("domain-service.v2")
        String liveGroupId();

        @WithDefault("5m")
        Duration timeout();
    }

    interface ReadYourWrites {
        /** How long a query waits for the caller's latest command to be projected. */
        @WithDefault("5s")
        Duration maxWait();
    }

    interface Subscriptions {
        /** How often an idle status stream carries a comment, so proxies do not close it. */
        @WithDefault("15s")
        Duration heartbeat();

        /**
         * How many live changes a subscriber may be behind before its stream is ended with a resync
         * event (it reconnects from what it last received): the bound on what one subscriber holds.
         */
        @WithDefault("1000")
        int bufferSize();

        /**
         * How many status streams (SSE and WebSocket) one caller (token subject) may hold open on one
         * instance at once; one more is refused (RESOURCE_EXHAUSTED) until one closes.
         */
        @WithDefault("50")
        int maxPerCaller();

        /**
         * How many changes of history one read fetches for a resuming subscriber; the next page is read only
         * when the subscriber has taken this one, so a resume from far back never sits in memory whole.
         */
        @WithDefault("500")
        int replayPage();
    }

    /** The integration stream for other dataflow services. */
    interface Integration {
        /** Off for a rebuild run: the live service already published every snapshot. */
        @WithDefault("true")
        boolean enabled();

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

        /**
         * Signs page tokens; production sets its own (PLC_PAGING_TOKEN_KEY), shared by every instance. No
         * default: development and tests have a local one, production refuses it.
         */
        String tokenKey();
    }
}
