package io.dataflow.privatelink.simulator.alicloud;

/** A vSwitch (Alibaba Cloud's subnet) of a VPC, in one zone; registered through the Java API. */
record VSwitch(String accountId, String regionId, String vpcId, String vSwitchId, String zoneId) implements java.io.Serializable {
}
