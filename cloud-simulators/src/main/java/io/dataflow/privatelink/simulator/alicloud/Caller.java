package io.dataflow.privatelink.simulator.alicloud;

/** Who sent a request (the account UID behind the AccessKeyId) and the region it names ({@code RegionId}). */
record Caller(String accountId, String regionId) {
}
