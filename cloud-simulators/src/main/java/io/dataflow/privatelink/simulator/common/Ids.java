package io.dataflow.privatelink.simulator.common;

import java.security.SecureRandom;
import java.util.Random;

/** Random strings for resource ids in the clouds' shapes. */
public final class Ids {

    private static final Random RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    public static String hex(int length) {
        return random(HEX, length);
    }

    public static String lowerAlnum(int length) {
        return random(LOWER_ALNUM, length);
    }

    private static String random(char[] alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
