package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.output.OutputFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** picocli converters whose errors say what is accepted (a usage error, exit 2, no request sent). */
final class Converters {

    private Converters() {
    }

    static final class Output implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Timeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration duration = ApiCommand.parseDuration(value);
                if (duration.isNegative() || duration.isZero()) {
                    throw new TypeConversionException("'" + value + "' must be longer than zero");
                }
                return duration;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
