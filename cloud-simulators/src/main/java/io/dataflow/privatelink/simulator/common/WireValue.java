package io.dataflow.privatelink.simulator.common;

import java.util.Arrays;
import java.util.Locale;

/** An enum constant with the exact spelling a cloud's API puts on the wire ({@code pendingAcceptance}, {@code Active}). */
public interface WireValue {

    String wireValue();

    /**
     * The constant whose wire value is {@code value}, case-insensitively and ignoring the characters
     * {@code ignored} (so {@code "_"} also accepts enum names: {@code SERVICE_DELETED} for {@code ServiceDeleted}).
     *
     * @param what names the kind of value in the error for an unknown one
     */
    static <E extends WireValue> E parse(E[] values, String value, String ignored, String what) {
        String normalized = value;
        for (char c : ignored.toCharArray()) {
            normalized = normalized.replace(String.valueOf(c), "");
        }
        String key = normalized.toLowerCase(Locale.ROOT);
        return Arrays.stream(values)
                .filter(s -> s.wireValue().toLowerCase(Locale.ROOT).equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + ": " + value));
    }
}
