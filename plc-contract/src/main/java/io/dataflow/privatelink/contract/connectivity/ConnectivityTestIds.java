package io.dataflow.privatelink.contract.connectivity;

import io.dataflow.privatelink.contract.Base32;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Connectivity test ids: {@code plct-} followed by 26 lowercase base32 characters (128 random bits). */
public final class ConnectivityTestIds {

    private static final Pattern FORMAT = Pattern.compile("plct-[a-z2-7]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectivityTestIds() {
    }

    public static String newId() {
        return "plct-" + Base32.random128(RANDOM);
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
