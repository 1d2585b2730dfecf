package io.dataflow.privatelink.simulator.ec2;

import java.security.SecureRandom;
import java.util.Random;

/** Resource ids in AWS's shapes: {@code vpce-} + 17 hex digits, and so on. */
final class Ids {

    private static final Random RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    static String vpcEndpointId() {
        return "vpce-" + hex17();
    }

    static String serviceId() {
        return "vpce-svc-" + hex17();
    }

    static String servicePermissionId() {
        return "vpce-svc-perm-" + hex17();
    }

    static String connectionId() {
        return "vpce-con-" + hex17();
    }

    static String networkInterfaceId() {
        return "eni-" + hex17();
    }

    /** The random label AWS puts after the endpoint id in endpoint DNS names ({@code vpce-…-1a2b3c4d}). */
    static String dnsLabel() {
        return random(ALNUM, 8);
    }

    static String hex17() {
        return random(HEX, 17);
    }

    private static String random(char[] alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
