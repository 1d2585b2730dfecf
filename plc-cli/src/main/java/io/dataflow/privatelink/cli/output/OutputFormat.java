package io.dataflow.privatelink.cli.output;

import java.util.Locale;

/** {@code -o/--output}: one contract on every command. */
public enum OutputFormat {
    /** A table fitted to the terminal; tab-separated rows without header or colour when piped. */
    HUMAN,
    /** As human, with more columns. */
    WIDE,
    JSON,
    YAML;

    /** picocli's converter: case-insensitive, with the choices in the error. */
    public static OutputFormat parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not an output format; use human, wide, json or yaml");
        }
    }

    public boolean tabular() {
        return this == HUMAN || this == WIDE;
    }
}
