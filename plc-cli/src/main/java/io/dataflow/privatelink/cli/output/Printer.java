package io.dataflow.privatelink.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.PrintStream;

/** Writes a command's result to stdout in the chosen format; progress and errors go to stderr instead. */
public final class Printer {

    /** Results as trees, times as the API writes them (ISO 8601, UTC); {@link TicloudJson} writes the text. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Built on first use only: a table or JSON run never loads the YAML classes. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private final Terminal terminal;
    private final OutputFormat format;
    private final PrintStream out;

    public Printer(Terminal terminal, OutputFormat format, PrintStream out) {
        this.terminal = terminal;
        this.format = format;
        this.out = out;
    }

    public OutputFormat format() {
        return format;
    }

    public Terminal terminal() {
        return terminal;
    }

    /**
     * JSON or YAML of the object (the API's own field names). JSON is written as ticloud writes it (sorted
     * keys, Go's indentation and escapes: {@link TicloudJson}), whichever command prints it.
     */
    public void data(Object value) {
        try {
            if (format == OutputFormat.YAML) {
                out.print(Yaml.MAPPER.writeValueAsString(value));
            } else {
                out.print(TicloudJson.write(JSON.valueToTree(value)));
            }
            out.flush();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot write the result: " + e.getMessage(), e);
        }
    }

    /** One JSON document per line (watch): a stream a script reads line by line. */
    public void jsonLine(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result: " + e.getMessage(), e);
        }
    }

    public void table(Table table) {
        out.print(table.render(terminal));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** A state coloured as a badge when colour is on. */
    public static String stateColor(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "ACTIVE" -> "\u001b[32m";
            case "PENDING_ACCEPTANCE" -> "\u001b[33m";
            case "FAILED" -> "\u001b[31m";
            default -> "\u001b[36m";
        };
    }
}
