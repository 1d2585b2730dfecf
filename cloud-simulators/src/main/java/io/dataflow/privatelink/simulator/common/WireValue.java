package io.dataflow.privatelink.simulator.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * An enum constant with the exact spelling a cloud's API puts on the wire: its name in camel case,
 * {@code PENDING_ACCEPTANCE} as {@code pendingAcceptance} (EC2) or {@code SERVICE_DELETED} as
 * {@code ServiceDeleted} (Alibaba Cloud).
 */
public interface WireValue {

    String wireValue();

    /** {@code constant}'s name in camel case, its first letter upper case or not. */
    static String camelCase(Enum<?> constant, boolean upperFirst) {
        StringBuilder wire = new StringBuilder();
        for (String word : constant.name().toLowerCase(Locale.ROOT).split("_", -1)) {
            boolean upper = upperFirst || wire.length() > 0;
            wire.append(upper ? Character.toUpperCase(word.charAt(0)) : word.charAt(0)).append(word.substring(1));
        }
        return wire.toString();
    }

    /** The constant whose wire value or name is {@code value}, case-insensitively. */
    static <E extends Enum<E> & WireValue> E parse(E[] values, String value) {
        String key = value.replace("_", "").replace("-", "");
        return Arrays.stream(values)
                .filter(s -> s.wireValue().equalsIgnoreCase(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + values[0].getDeclaringClass().getSimpleName()
                        + ": " + value));
    }
}
