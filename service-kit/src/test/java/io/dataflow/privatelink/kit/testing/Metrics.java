package io.dataflow.privatelink.kit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's Prometheus page ({@code /q/metrics}) as its scraper would. */
public final class Metrics {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String page;

    private Metrics(String page) {
        this.page = page;
    }

    public static Metrics scrape(URL metrics) {
        try (InputStream in = metrics.openStream()) {
            return new Metrics(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + metrics, e);
        }
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (0 when there is none). */
    public double sum(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        double sum = 0;
        for (String line : page.split("\n", -1)) { // a trailing empty line is skipped as blank
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sampleName = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
            if (!sampleName.equals(name)) {
                continue;
            }
            Map<String, String> has = new HashMap<>();
            if (brace >= 0) {
                Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (label.find()) {
                    has.put(label.group(1), label.group(2));
                }
            }
            if (has.entrySet().containsAll(wanted.entrySet())) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    /** Whether the page has a sample of {@code name} at all. */
    public boolean has(String name) {
        return page.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    @Override
    public String toString() {
        return page;
    }
}
