package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Questions on the terminal; only used when stdin and stdout are terminals and prompting is allowed. */
final class Prompter {

    private final BufferedReader in;
    private final PrintStream out;

    Prompter(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    /** Asks until the validator accepts the answer (it returns an error text, or empty when fine). */
    String ask(String question, Function<String, Optional<String>> validator) {
        while (true) {
            out.print(question + ": ");
            out.flush();
            String answer = readLine().strip();
            Optional<String> problem = validator.apply(answer);
            if (problem.isEmpty()) {
                return answer;
            }
            out.println("  " + problem.get());
        }
    }

    /** One of the choices, by number or by name. */
    String choose(String question, List<String> choices) {
        out.println(question + ":");
        for (int i = 0; i < choices.size(); i++) {
            out.printf("  %d) %s%n", i + 1, choices.get(i));
        }
        String answer = ask("Choose 1-" + choices.size(), text -> {
            if (choices.contains(text)) {
                return Optional.empty();
            }
            try {
                int n = Integer.parseInt(text);
                return n >= 1 && n <= choices.size() ? Optional.empty() : Optional.of("a number from 1 to " + choices.size());
            } catch (NumberFormatException e) {
                return Optional.of("a number from 1 to " + choices.size() + ", or one of " + choices);
            }
        });
        return choices.contains(answer) ? answer : choices.get(Integer.parseInt(answer) - 1);
    }

    boolean confirm(String question) {
        out.print(question + " [y/N]: ");
        out.flush();
        String answer = readLine().strip().toLowerCase(java.util.Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new CliFailure(ExitCodes.USAGE, "no answer (end of input)");
            }
            return line;
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.ERROR, "cannot read the answer: " + e.getMessage());
        }
    }
}
