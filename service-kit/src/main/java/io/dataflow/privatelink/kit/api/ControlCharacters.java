package io.dataflow.privatelink.kit.api;

/**
 * The one rule for control characters (C0, DEL and C1: {@link Character#isISOControl}): ids and names
 * never hold them, and a refusal that quotes what the caller sent shows each one as {@code ?}, so an
 * error message or a log line cannot carry a terminal escape or a forged line break.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Whether the value holds any control character (null holds none). */
    public static boolean in(String value) {
        return value != null && value.chars().anyMatch(Character::isISOControl);
    }

    /** The value with each control character shown as {@code ?}; null as {@code null}. */
    public static String scrubbed(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
