package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

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

    /** A TCP port, 1 to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return port(value, "'" + value + "' is not a TCP port; use a number from 1 to 65535");
        }
    }

    /**
     * {@code host:port} ({@code [IPv6]:port} for an IPv6 address): the form only. Which addresses may be tested
     * (never the platform's private ones) is the API's rule, and its refusal says why.
     */
    static final class Target implements ITypeConverter<ConnectivityTarget> {

        /** A DNS name as the API accepts it: letters, digits and hyphens in dot-separated labels. */
        private static final Pattern DNS_NAME = Pattern.compile(
                "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
        private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

        @Override
        public ConnectivityTarget convert(String value) {
            String text = value.strip();
            String form = "'" + value + "' is not host:port; use e.g. b0.kafka.example.com:9092";
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new TypeConversionException(form);
            }
            String host = text.substring(0, colon);
            int port = port(text.substring(colon + 1), form + " (the port is a number from 1 to 65535)");
            if (host.startsWith("[") && host.endsWith("]")) {
                String address = host.substring(1, host.length() - 1);
                if (!IPV6.matcher(address.toLowerCase(Locale.ROOT)).matches()) {
                    throw new TypeConversionException(form + " ('" + address + "' is not an IPv6 address)");
                }
                return new ConnectivityTarget(address, port);
            }
            if (!DNS_NAME.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
                throw new TypeConversionException(form + " ('" + host + "' is not a host name: letters, digits and"
                        + " hyphens in dot-separated labels; an IPv6 address goes in brackets)");
            }
            return new ConnectivityTarget(host, port);
        }
    }

    private static int port(String text, String problem) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new TypeConversionException(problem);
    }
}
