package io.dataflow.privatelink.deploy;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * When a test of a running stack fails, prints the ERROR entries of its services' logs (with their stack
 * traces, capped) to the test's output. CI keeps the output but not the stack's data folder, so this is
 * what tells a failure's cause afterwards (a 500 says only "Internal error").
 */
final class ServiceErrorsOnFailure implements TestWatcher {

    private static final int ENTRIES_PER_LOG = 20;
    private static final int LINES_PER_ENTRY = 25;

    private final Supplier<Path> dataDir;

    /** {@code dataDir}: the stack's data folder, read when a test fails. */
    ServiceErrorsOnFailure(Supplier<Path> dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path logs = dataDir.get() == null ? null : dataDir.get().resolve("logs");
        if (logs == null || !Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> excerpt = errorEntries(Files.readAllLines(log));
                if (!excerpt.isEmpty()) {
                    System.out.println("---- ERROR entries of " + log.getFileName() + " (" + context.getDisplayName() + ")");
                    excerpt.forEach(System.out::println);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.out.println("Cannot read the services' logs in " + logs + ": " + e);
        }
    }

    /**
     * Each line logged at ERROR with the indented lines that follow it (its stack trace), the first few; a service
     * logging JSON lines (production's format) has its stack trace inside the line.
     */
    static List<String> errorEntries(List<String> lines) {
        List<String> excerpt = new ArrayList<>();
        int entries = 0;
        for (int i = 0; i < lines.size() && entries < ENTRIES_PER_LOG; i++) {
            if (!lines.get(i).contains(" ERROR ") && !lines.get(i).contains("\"level\":\"ERROR\"")) {
                continue;
            }
            entries++;
            excerpt.add(lines.get(i));
            int kept = 0;
            for (int j = i + 1; j < lines.size() && isContinuation(lines.get(j)); j++) {
                if (kept++ < LINES_PER_ENTRY) {
                    excerpt.add(lines.get(j));
                }
                i = j;
            }
        }
        return excerpt;
    }

    private static boolean isContinuation(String line) {
        return line.startsWith("\t") || line.startsWith(" ") || line.startsWith("Caused by:") || line.isEmpty();
    }
}
