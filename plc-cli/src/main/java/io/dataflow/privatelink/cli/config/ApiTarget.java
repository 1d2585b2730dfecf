package io.dataflow.privatelink.cli.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command sends its requests, resolved once: {@code PLC_API} and {@code PLC_TOKEN} override the
 * chosen profile's values ({@code -P/--profile}, else the current profile).
 */
public record ApiTarget(URI base, Optional<String> token, String profileName) {

    public static ApiTarget resolve(Map<String, String> env, String requestedProfile) {
        CliProfiles profiles = CliProfiles.load(CliProfiles.defaultFile(env));
        String name = profiles.resolveName(requestedProfile);
        Optional<CliProfiles.Profile> profile = profiles.profile(name);
        if (requestedProfile != null && profile.isEmpty()) {
            throw new IllegalArgumentException("no profile named '" + requestedProfile + "' in " + profiles.file()
                    + "; profiles: " + profiles.profiles().keySet() + " (plc config set " + requestedProfile
                    + " --api URL --token-stdin)");
        }
        String api = nonBlank(env.get("PLC_API")).or(() -> profile.map(CliProfiles.Profile::api)).orElseThrow(() ->
                new IllegalArgumentException("no API to talk to: set PLC_API, or create a profile (plc config set "
                        + name + " --api URL --token-stdin); deploy/local/run writes one named 'local'"));
        Optional<String> token = nonBlank(env.get("PLC_TOKEN")).or(() -> profile.map(CliProfiles.Profile::token));
        URI base;
        try {
            base = URI.create(api.endsWith("/") ? api.substring(0, api.length() - 1) : api);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the API base URL '" + api + "' is not a URL: " + e.getMessage());
        }
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
            throw new IllegalArgumentException("the API base URL '" + api + "' must start with http:// or https://");
        }
        return new ApiTarget(base, token, name);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
