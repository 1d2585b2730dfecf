package io.dataflow.privatelink.kit.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The settings a service cannot run without in production, and the one rule they follow: each must be
 * set, and none may keep a local placeholder (a value containing {@value #PLACEHOLDER_MARK}). A service
 * lists its own in {@value #LIST_PROPERTY} (comma-separated; {@code a|b} when either of two will do),
 * under {@code %prod} only: development and tests have local values instead.
 *
 * <p>Checked once, while the configuration is built ({@link RequiredSettingsCheck}), so that an operator
 * who forgot several settings reads them all in one message, each with the environment variable that
 * sets it, before anything else (a mapping without default, an expression) fails on the first one.
 */
public final class RequiredSettings {

    /** Where a service lists its required settings. */
    public static final String LIST_PROPERTY = "plc.startup.required-settings";

    /** What marks a value meant for a laptop only (e.g. {@code local-page-token-key-change-me}). */
    public static final String PLACEHOLDER_MARK = "change-me";

    private RequiredSettings() {
    }

    /**
     * What is wrong with the settings {@code list} names, one line each (empty: nothing); {@code lookup}
     * gives a setting's value, empty when it is not set.
     */
    public static List<String> problems(String list, Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        for (String entry : entries(list)) {
            List<String> alternatives = Arrays.stream(entry.split("\\|")).map(String::strip)
                    .filter(name -> !name.isEmpty()).toList();
            List<String> values = alternatives.stream()
                    .map(name -> lookup.apply(name).filter(value -> !value.isBlank()))
                    .flatMap(Optional::stream).toList();
            if (values.isEmpty()) {
                problems.add("missing: " + alternatives.stream().map(RequiredSettings::named)
                        .collect(Collectors.joining(" or ")));
            }
            for (String name : alternatives) {
                lookup.apply(name).filter(value -> value.contains(PLACEHOLDER_MARK)).ifPresent(value ->
                        problems.add("refused: " + named(name) + " holds a local placeholder ('" + PLACEHOLDER_MARK
                                + "'); set a value of your own"));
            }
        }
        return problems;
    }

    /** The message that stops start-up: every problem, and how to fix them. */
    public static String message(List<String> problems) {
        return "This service cannot start: settings it needs are missing or unsafe.\n"
                + problems.stream().map(problem -> "  " + problem + "\n").collect(Collectors.joining())
                + "Set each through its environment variable (or as a system property, -Dname=value).";
    }

    /**
     * The environment variable that sets a property, by MicroProfile Config's rule: every character
     * other than a letter or digit becomes {@code _}, and the rest is upper-cased.
     */
    public static String environmentVariable(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            name.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    private static String named(String property) {
        return property + " (" + environmentVariable(property) + ")";
    }

    private static List<String> entries(String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }
}
