package io.dataflow.privatelink.deploy.options;

import java.util.Deque;

/** Reading the values of a script's command-line options, with errors that say what was expected. */
public final class OptionValues {

    private OptionValues() {
    }

    /** The next argument, the value of {@code option}. */
    public static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value; see --help");
        }
        return rest.pop();
    }

    /** A whole number from {@code min} to {@code max}; {@code what} names the range in the error. */
    public static int number(String option, Deque<String> rest, int min, int max, String what) {
        String value = value(option, rest);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be " + what + ", not " + value);
        }
    }

    /** A fraction from 0 to 1. */
    public static double fraction(String option, Deque<String> rest) {
        String value = value(option, rest);
        try {
            double p = Double.parseDouble(value);
            if (!(p >= 0 && p <= 1)) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a fraction from 0 to 1, not " + value);
        }
    }
}
