package io.dataflow.privatelink.cli;

import io.dataflow.privatelink.cli.command.RootCommand;
import picocli.CommandLine;

/**
 * {@code plc} as {@code ./plc} starts it: picocli on a plain JVM, without booting Quarkus (its start-up was
 * about a quarter of a second of every run: deploy/bench/RESULTS.md). The same command line as in the
 * tests ({@link CommandLineSetup#configure}); the Quarkus entry point ({@link QuarkusCommandLine}) stays for
 * the image, which runs {@code quarkus-run.jar}.
 */
public final class Plc {

    private Plc() {
    }

    public static void main(String[] args) {
        System.exit(CommandLineSetup.configure(new CommandLine(new RootCommand())).execute(args));
    }
}
