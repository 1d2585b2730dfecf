package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.CliConsole;
import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.config.CliProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/** The profiles file: set a profile's API and token, choose the current one, list them (tokens never shown). */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Manage the CLI's profiles (API base URL and token).",
        subcommands = {ConfigCommand.Set.class, ConfigCommand.Use.class, ConfigCommand.ListProfiles.class})
public class ConfigCommand {

    static CliProfiles profiles(CliConsole console) {
        return CliProfiles.load(CliProfiles.defaultFile(console.env()));
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Create or change a profile; the first profile becomes the current one.")
    static class Set implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PROFILE")
        String name;

        @Option(names = "--api", paramLabel = "URL", description = "The API base URL, e.g. http://localhost:8080.")
        String api;

        @Option(names = "--token-stdin", description = "Read the token from stdin (keeps it out of the shell history).")
        boolean tokenFromStdin;

        @Override
        public Integer call() throws IOException {
            if (api != null && !(api.startsWith("http://") || api.startsWith("https://"))) {
                throw new CliFailure(ExitCodes.USAGE, "--api must be an http:// or https:// URL, not '" + api + "'");
            }
            CliConsole console = RootCommand.console(spec);
            String token = null;
            if (tokenFromStdin) {
                token = new BufferedReader(new InputStreamReader(console.stdin(), StandardCharsets.UTF_8)).readLine();
                if (token == null || token.isBlank()) {
                    throw new CliFailure(ExitCodes.USAGE, "--token-stdin: no token on stdin");
                }
                token = token.strip();
            }
            CliProfiles profiles = profiles(console).put(name, api, token).useIfNoneCurrent(name);
            profiles.save();
            console.stdout().println("Profile " + name + " saved in " + profiles.file());
            return ExitCodes.OK;
        }
    }

    @Command(name = "use", mixinStandardHelpOptions = true, description = "Make a profile the current one.")
    static class Use implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PROFILE")
        String name;

        @Override
        public Integer call() {
            try {
                profiles(RootCommand.console(spec)).use(name).save();
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
            RootCommand.console(spec).stdout().println("Current profile: " + name);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the profiles (tokens are not shown).")
    static class ListProfiles implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CliConsole console = RootCommand.console(spec);
            CliProfiles profiles = profiles(console);
            String current = profiles.currentProfile().orElse(null);
            for (Map.Entry<String, CliProfiles.Profile> entry : new java.util.TreeMap<>(profiles.profiles()).entrySet()) {
                console.stdout().printf("%s %s\t%s\ttoken %s%n", entry.getKey().equals(current) ? "*" : " ", entry.getKey(),
                        entry.getValue().api() == null ? "(no API)" : entry.getValue().api(),
                        entry.getValue().token() == null ? "not set" : "set");
            }
            return ExitCodes.OK;
        }
    }
}
