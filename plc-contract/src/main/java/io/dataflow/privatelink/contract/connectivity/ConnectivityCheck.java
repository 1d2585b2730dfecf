package io.dataflow.privatelink.contract.connectivity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One check of a connectivity test.
 *
 * @param target         the host (and port) or name it is about, when it is about one
 * @param zoneId         the availability zone id it is about, when it is about one
 * @param observed       what the test saw, in words
 * @param advice         on FAIL (or a hint on PASS), what to change
 * @param durationMillis how long the network step took, for TCP and Kafka checks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectivityCheck(CheckKind check, CheckStatus status, String target, String zoneId, String observed,
                                String advice, Long durationMillis) {

    public static ConnectivityCheck pass(CheckKind check, String target, String zoneId, String observed) {
        return new ConnectivityCheck(check, CheckStatus.PASS, target, zoneId, observed, null, null);
    }

    public static ConnectivityCheck fail(CheckKind check, String target, String zoneId, String observed,
                                         String advice) {
        return new ConnectivityCheck(check, CheckStatus.FAIL, target, zoneId, observed, advice, null);
    }

    public static ConnectivityCheck skipped(CheckKind check, String target, String observed) {
        return new ConnectivityCheck(check, CheckStatus.SKIPPED, target, null, observed, null, null);
    }

    public ConnectivityCheck took(long millis) {
        return new ConnectivityCheck(check, status, target, zoneId, observed, advice, millis);
    }

    public ConnectivityCheck withAdvice(String text) {
        return new ConnectivityCheck(check, status, target, zoneId, observed, text, durationMillis);
    }
}
