package io.dataflow.privatelink.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.output.Table.Cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A connectivity test's checks as {@code test-connectivity} shows them: one row a check (Status, Check, Target,
 * Zone, Observed, Time), a failed check's advice on the next line, indented, then one summary line. Read from the
 * API's JSON as sent, so a check kind or status newer than this build is shown as the API named it.
 */
public final class ConnectivityReport {

    /** What starts an advice line: under its check's row, never a row of its own (no tab in it). */
    static final String ADVICE_INDENT = "    advice: ";

    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String GREY = "\u001b[90m";

    private ConnectivityReport() {
    }

    /**
     * The rows, each failed check's advice under it (with {@code allAdvice}, {@code -o wide}: every check's, a
     * passed check's hint too), and the summary.
     */
    public static String render(JsonNode test, Terminal terminal, boolean allAdvice) {
        List<JsonNode> checks = checks(test);
        Table table = new Table(List.of("Status", "Check", "Target", "Zone", "Observed", "Time"), Set.of(0, 1));
        for (JsonNode check : checks) {
            String status = text(check, "status");
            table.row(List.of(new Cell(status, statusColor(status)), Cell.of(text(check, "check")),
                    Cell.of(text(check, "target")), Cell.of(text(check, "zoneId")), Cell.of(text(check, "observed")),
                    Cell.of(check.hasNonNull("durationMillis") ? check.get("durationMillis").asLong() + " ms" : "")));
        }
        List<String> rendered = table.render(terminal).lines().toList();
        int header = terminal.stdoutIsTerminal() ? 1 : 0;
        List<String> lines = new ArrayList<>(rendered.subList(0, Math.min(header, rendered.size())));
        for (int i = 0; i < checks.size(); i++) {
            lines.add(rendered.get(header + i));
            JsonNode check = checks.get(i);
            String advice = text(check, "advice");
            if (!advice.isBlank() && (allAdvice || checkFailed(check))) {
                lines.add(ADVICE_INDENT + advice);
            }
        }
        lines.add(summary(test));
        return String.join("\n", lines);
    }

    /** "Connectivity test plct-… passed: 7 checks", or "… failed: 2 of 7 checks failed". */
    public static String summary(JsonNode test) {
        List<JsonNode> checks = checks(test);
        long failed = checks.stream().filter(ConnectivityReport::checkFailed).count();
        long skipped = checks.stream().filter(c -> "SKIPPED".equals(text(c, "status"))).count();
        String id = text(test, "testId");
        String skippedNote = skipped == 0 ? "" : " (" + skipped + " skipped)";
        if (failed(test)) {
            return "Connectivity test " + id + " failed: " + failed + " of " + count(checks.size()) + " failed"
                    + skippedNote;
        }
        return "Connectivity test " + id + " passed: " + count(checks.size()) + skippedNote;
    }

    /** The test ended FAILED, or (a state newer than this build) one of its checks failed. */
    public static boolean failed(JsonNode test) {
        return "FAILED".equals(text(test, "state")) || checks(test).stream().anyMatch(ConnectivityReport::checkFailed);
    }

    private static boolean checkFailed(JsonNode check) {
        return "FAIL".equals(text(check, "status"));
    }

    private static List<JsonNode> checks(JsonNode test) {
        List<JsonNode> checks = new ArrayList<>();
        test.path("checks").forEach(checks::add);
        return checks;
    }

    private static String count(int checks) {
        return checks + (checks == 1 ? " check" : " checks");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : oneLine(value.asText());
    }

    private static String oneLine(String text) {
        return text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }

    static String statusColor(String status) {
        return switch (status) {
            case "PASS" -> GREEN;
            case "FAIL" -> RED;
            default -> GREY;
        };
    }
}
