package io.dataflow.privatelink.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text as a terminal table fitted to a width (the widest columns cut first, with "…"), or, when
 * piped, tab-separated rows without header so that {@code cut -f} and {@code awk} read them.
 */
public final class Table {

    private static final String GAP = "  ";

    /** A cell whose text may be shown coloured (state badges); colour never counts for width. */
    public record Cell(String text, String ansiColor) {
        public static Cell of(String text) {
            return new Cell(text == null ? "" : text, null);
        }
    }

    private final List<String> headers;
    private final java.util.Set<Integer> keptWhole;
    private final List<List<Cell>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        this(headers, java.util.Set.of());
    }

    /** @param keptWhole columns never cut (ids, states), whatever the width */
    public Table(List<String> headers, java.util.Set<Integer> keptWhole) {
        this.headers = List.copyOf(headers);
        this.keptWhole = java.util.Set.copyOf(keptWhole);
    }

    public Table row(List<Cell> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render(Terminal terminal) {
        StringBuilder out = new StringBuilder();
        if (!terminal.stdoutIsTerminal()) {
            for (List<Cell> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    out.append(i == 0 ? "" : "\t").append(row.get(i).text().replace('\t', ' ').replace('\n', ' '));
                }
                out.append('\n');
            }
            return out.toString();
        }
        int[] widths = fit(terminal.width());
        appendLine(out, headers.stream().map(Cell::of).toList(), widths, false);
        for (List<Cell> row : rows) {
            appendLine(out, row, widths, terminal.color());
        }
        return out.toString();
    }

    /** Column widths: natural, then the widest that may be cut, one character at a time, until the line fits (≥ 4 each). */
    int[] fit(int width) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<Cell> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).text().length());
            }
        }
        int total = total(widths);
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (!keptWhole.contains(i) && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0 || widths[widest] <= 4) {
                break;
            }
            widths[widest]--;
            total--;
        }
        return widths;
    }

    private static int total(int[] widths) {
        int total = GAP.length() * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        return total;
    }

    private static void appendLine(StringBuilder out, List<Cell> cells, int[] widths, boolean color) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String text = cells.get(i).text();
            if (text.length() > widths[i]) {
                text = text.substring(0, widths[i] - 1) + "…";
            }
            String padded = i == cells.size() - 1 ? text : text + " ".repeat(widths[i] - text.length());
            if (color && cells.get(i).ansiColor() != null) {
                line.append(cells.get(i).ansiColor()).append(text).append("\u001b[0m")
                        .append(padded.substring(text.length()));
            } else {
                line.append(padded);
            }
            if (i < cells.size() - 1) {
                line.append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
