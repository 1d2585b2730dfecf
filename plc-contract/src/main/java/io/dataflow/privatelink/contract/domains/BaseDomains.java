package io.dataflow.privatelink.contract.domains;

/**
 * The parent domains attachments are made under: the platform's own ({@code plc.tidbcloud.com} by
 * default, configurable) and Confluent's ({@code confluent.cloud}).
 */
public record BaseDomains(String managed, String confluent) {

    public static final BaseDomains DEFAULT = new BaseDomains("plc.tidbcloud.com", "confluent.cloud");
}
