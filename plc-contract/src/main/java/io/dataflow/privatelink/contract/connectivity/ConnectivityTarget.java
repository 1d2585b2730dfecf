package io.dataflow.privatelink.contract.connectivity;

/** A host and port to reach through the connection (the API's {@code targets} entries). */
public record ConnectivityTarget(String host, Integer port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
