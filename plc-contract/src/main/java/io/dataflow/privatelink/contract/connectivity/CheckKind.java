package io.dataflow.privatelink.contract.connectivity;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * What a connectivity check looks at, in the order a test runs them: each later check needs what the earlier
 * ones proved (no name to resolve without an endpoint, no TCP without an address). New kinds may be added.
 */
public enum CheckKind {
    /** The connection is ACTIVE: its endpoint exists and the service's owner accepted it. */
    CONNECTION_ACTIVE,
    /** The endpoint serves the cluster's availability zones (a zone it lacks is a zone the cluster cannot use). */
    ENDPOINT_ZONES,
    /** One of the endpoint's own DNS names (regional or one zone's) resolves in the platform's VPC. */
    ENDPOINT_DNS,
    /** An attached domain's name resolves in the platform's VPC to this connection's endpoint. */
    DOMAIN_DNS,
    /** A TCP connection to a target through the endpoint, in one zone, with the time it took. */
    TCP_CONNECT,
    /** A Kafka metadata request through the endpoint is answered. */
    KAFKA_METADATA,
    /** A broker's advertised host is covered by an attached domain and resolves to this connection's endpoint. */
    KAFKA_ADVERTISED_HOST,
    /** A broker sits in a zone the endpoint serves. */
    KAFKA_BROKER_ZONE,
    /** Advice: clients should close idle connections before the load balancer drops them. */
    KAFKA_IDLE_TIMEOUT,
    /** A kind this version does not know. */
    @JsonEnumDefaultValue
    OTHER
}
