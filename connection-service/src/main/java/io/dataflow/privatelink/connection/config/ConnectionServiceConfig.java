package io.dataflow.privatelink.connection.config;

import io.dataflow.privatelink.contract.CloudProvider;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Typed configuration of connection-service (prefix {@code plc}). */
@ConfigMapping(prefix = "plc")
public interface ConnectionServiceConfig {

    /** Clusters to register at start-up, by cluster id (the registry keeps them afterwards). */
    Map<String, ClusterSeed> clusters();

    Topics topics();

    QueryService queryService();

    Domains domains();

    /** CloudEvents {@code source} of the events this service emits. */
    @WithDefault("/privatelink/connection-service")
    String eventSource();

    Api api();

    Idempotency idempotency();

    Creates creates();

    Audit audit();

    Quotas quotas();

    ConnectivityTests connectivityTests();

    /** Connectivity tests (prefix {@code plc.connectivity-tests}). */
    interface ConnectivityTests {
        /**
         * A test the worker has not reported on after this long no longer blocks the next one on its connection
         * (its worker may have been down; its late result is still shown if it is the newest).
         */
        @WithDefault("2m")
        Duration runningLimit();
    }

    /**
     * How many connections a cluster and a project may have (prefix {@code plc.quotas}). A connection
     * counts from its create until the worker reports it deleted (DELETING included: it still holds its
     * endpoint); a create past a limit is refused with RESOURCE_EXHAUSTED.
     */
    interface Quotas {
        /** Connections per cluster, unless {@link #clusterLimits()} names the cluster. */
        @WithDefault("10")
        int connectionsPerCluster();

        /** Connections per project, across its clusters, unless {@link #projectLimits()} names the project. */
        @WithDefault("100")
        int connectionsPerProject();

        /** Another limit for single clusters, by cluster id (what "ask for a higher limit" changes). */
        Map<String, Integer> clusterLimits();

        /** Another limit for single projects, by project id. */
        Map<String, Integer> projectLimits();
    }

    /** How long the audit trail is kept (prefix {@code plc.audit}). */
    interface Audit {
        /** Audit records older than this are deleted; export them first where they must be kept longer. */
        @WithDefault("400d")
        Duration retention();

        /** Counts of unauthenticated requests per source and minute are kept this long. */
        @WithDefault("30d")
        Duration unauthenticatedRetention();

        /** How often the counts of unauthenticated requests kept in memory are written. */
        @WithDefault("5s")
        Duration unauthenticatedFlushInterval();

        /** Distinct sources counted per flush; more are counted together under the source "other". */
        @WithDefault("10000")
        int unauthenticatedMaxSources();
    }

    /** How creates are written. */
    interface Creates {
        /**
         * Most creates written in one transaction: those arriving while a transaction is written go
         * together into the next (group commit), one transaction at a time. 1 writes each create alone, one
         * at a time: a comparison for benchmarks, far slower under load.
         */
        @WithDefault("64")
        int maxGroup();
    }

    /** Idempotency keys of creates ({@code Idempotency-Key}). */
    interface Idempotency {
        /** How long a key is remembered: a retry later than this creates anew. */
        @WithDefault("24h")
        Duration retention();
    }

    interface Api {
        /** Largest request body accepted, in bytes. */
        @WithDefault("65536")
        int maxBodyBytes();
    }

    interface ClusterSeed {
        String projectId();

        CloudProvider provider();

        String region();

        /** The platform's cloud account the cluster runs in: the principal customers allow-list. */
        String accountId();

        String vpcId();

        /** Availability zone ids, in the order the API lists them. */
        List<String> azIds();

        /** The subnet (AWS) or vSwitch (Alibaba Cloud) of each zone, by zone id. */
        Map<String, String> subnets();

        String securityGroupId();
    }

    /** Parent domains of attached domains (DESIGN section 5). */
    interface Domains {
        /** Under which TIDBCLOUD_MANAGED names are made: {@code <unique>.<provider>.<this>}. */
        @WithDefault("plc.tidbcloud.com")
        String managedBaseDomain();

        /** Confluent's own domain: CONFLUENT names are {@code <network>.<region>.aws.<this>}. */
        @WithDefault("confluent.cloud")
        String confluentBaseDomain();
    }

    interface Topics {
        @WithDefault(io.dataflow.privatelink.contract.event.Topics.CONNECTION_REQUESTS)
        String connectionRequests();
    }

    /** Where domain-service serves the read side; connection-service forwards queries there. */
    interface QueryService {
        URI url();

        @WithDefault("10s")
        Duration timeout();
    }
}
