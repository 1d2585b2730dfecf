package io.dataflow.privatelink.contract;

import java.util.Random;

/** Lowercase RFC 4648 base32 without padding, for ids and generated names that must be DNS-safe. */
public final class Base32 {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Base32() {
    }

    /** 128 random bits as 26 base32 characters. */
    public static String random128(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return encode(bytes);
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
