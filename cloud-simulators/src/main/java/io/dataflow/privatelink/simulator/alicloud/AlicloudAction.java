package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One PrivateLink API action: parameters in, the JSON body out without RequestId (or an {@link AlicloudApiError}). */
@FunctionalInterface
interface AlicloudAction {

    ObjectNode handle(Caller caller, RpcRequest request);
}
