package io.dataflow.privatelink.contract.domains;

/**
 * One name an attachment makes resolvable, usually a wildcard such as
 * {@code *.use1-az1.<unique>.aws.plc.tidbcloud.com}, and which endpoint DNS name it points at.
 */
public record DomainRecord(String name, RecordTarget target) {
}
