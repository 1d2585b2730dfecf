package io.dataflow.privatelink.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/**
 * The command line when {@code plc} runs under Quarkus ({@code java -jar quarkus-run.jar}, the image's entry
 * point): configured as {@link Plc}'s. Kept apart so that {@link CommandLineSetup} loads no CDI type.
 */
@ApplicationScoped
public class QuarkusCommandLine {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return CommandLineSetup.configure(factory.create());
    }
}
