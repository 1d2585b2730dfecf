package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.Ids;
import java.util.Locale;
import java.util.UUID;

/** Ids in Alibaba Cloud's shapes: {@code ep-} / {@code epsrv-} + 20 lowercase letters and digits, and so on. */
final class AlicloudIds {

    private AlicloudIds() {
    }

    static String endpointId() {
        return "ep-" + Ids.lowerAlnum(20);
    }

    static String serviceId() {
        return "epsrv-" + Ids.lowerAlnum(20);
    }

    static String eniId() {
        return "eni-" + Ids.lowerAlnum(20);
    }

    /** {@code 8D8992C1-6712-423C-BAC5-E5E817484C6B}. */
    static String requestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
}
