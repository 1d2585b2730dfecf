package io.dataflow.privatelink.contract.domains;

/**
 * Which of the endpoint's own DNS names a record points at: the regional name (every zone of the
 * endpoint behind it) or the name of the endpoint's interface in one availability zone.
 *
 * @param azId null for the regional name
 */
public record RecordTarget(String azId) {

    public static final RecordTarget REGIONAL = new RecordTarget(null);

    public static RecordTarget zonal(String azId) {
        return new RecordTarget(azId);
    }

    public boolean regional() {
        return azId == null;
    }
}
