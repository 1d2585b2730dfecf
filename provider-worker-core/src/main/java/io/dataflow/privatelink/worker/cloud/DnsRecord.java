package io.dataflow.privatelink.worker.cloud;

/** A CNAME: {@code name} (often a wildcard) → {@code target}, an endpoint DNS name. */
public record DnsRecord(String name, String target) {
}
