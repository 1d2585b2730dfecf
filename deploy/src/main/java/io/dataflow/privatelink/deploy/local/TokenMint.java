package io.dataflow.privatelink.deploy.local;

import io.dataflow.privatelink.contract.auth.Role;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code deploy/local/mint-token}: mints a bearer token with the local stack's key.
 * <pre>
 * deploy/local/mint-token --subject bob@example.com --project demo-project=viewer [--project p2=editor]
 *                         [--hours 24] [--data-dir .local]
 * </pre>
 * Prints the token only, so that {@code TOKEN=$(deploy/local/mint-token ...)} works.
 */
public final class TokenMint {

    private TokenMint() {
    }

    public static void main(String[] args) throws Exception {
        String subject = null;
        Map<String, Role> projects = new LinkedHashMap<>();
        long hours = 24;
        Path dataDir = Path.of(System.getProperty("plc.repo.root", ".")).resolve(".local");
        for (int i = 0; i < args.length; i += 2) { // every option takes a value
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--subject" -> subject = value;
                case "--project" -> {
                    String[] parts = value == null ? new String[0] : value.split("=", 2);
                    if (parts.length != 2) {
                        fail("--project takes PROJECT=viewer|editor, got " + value);
                    }
                    projects.put(parts[0], Role.valueOf(parts[1].toUpperCase(Locale.ROOT)));
                }
                case "--hours" -> hours = Long.parseLong(value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--help", "-h" -> {
                    System.out.println("usage: deploy/local/mint-token --subject WHO --project PROJECT=viewer|editor"
                            + " [--project ...] [--hours 24] [--data-dir .local]");
                    return;
                }
                default -> fail("unknown option " + args[i] + " (see --help)");
            }
        }
        if (subject == null || projects.isEmpty()) {
            fail("--subject and at least one --project are required (see --help)");
        }
        System.out.println(LocalAuth.load(dataDir).mint(subject, projects, Duration.ofHours(hours)));
    }

    private static void fail(String message) {
        System.err.println("mint-token: " + message);
        System.exit(2);
    }
}
