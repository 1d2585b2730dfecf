package io.dataflow.privatelink.simulator.ec2;

/** One entry of EC2's {@code unsuccessful} set: batch actions report per-id failures here, not as an error. */
record UnsuccessfulItem(String resourceId, String code, String message) {

    static UnsuccessfulItem endpointNotFound(String id, String code) {
        return new UnsuccessfulItem(id, code, "The Vpc Endpoint Id '" + id + "' does not exist");
    }
}
