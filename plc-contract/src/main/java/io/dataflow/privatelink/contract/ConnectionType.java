package io.dataflow.privatelink.contract;

/** The kind of endpoint service a connection targets; the API enum {@code PrivateLinkConnectionType}. */
public enum ConnectionType {
    AWS_ENDPOINT_SERVICE(CloudProvider.AWS),
    ALICLOUD_ENDPOINT_SERVICE(CloudProvider.ALICLOUD);

    private final CloudProvider provider;

    ConnectionType(CloudProvider provider) {
        this.provider = provider;
    }

    public CloudProvider provider() {
        return provider;
    }

    public static ConnectionType of(CloudProvider provider) {
        for (ConnectionType type : values()) {
            if (type.provider == provider) {
                return type;
            }
        }
        throw new IllegalArgumentException("no connection type for " + provider);
    }
}
