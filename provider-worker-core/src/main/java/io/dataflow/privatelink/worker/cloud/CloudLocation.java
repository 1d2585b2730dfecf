package io.dataflow.privatelink.worker.cloud;

/**
 * Where platform resources live: one platform account (the cluster's) and one region. A worker may serve
 * clusters in several platform accounts, each reached with its own credentials (on AWS an assumed role per
 * account), and a cloud's rate budgets and zone names are per account and region.
 */
public record CloudLocation(String accountId, String region) {

    @Override
    public String toString() {
        return region + " of account " + accountId;
    }
}
