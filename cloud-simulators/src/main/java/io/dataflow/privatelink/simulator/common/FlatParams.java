package io.dataflow.privatelink.simulator.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flattened request parameters as EC2's Query protocol and Alibaba Cloud's RPC protocol both send them:
 * lists as {@code Name.1, Name.2, …}, structures as {@code Name.1.Member} (EC2 {@code SubnetId.1},
 * {@code Filter.1.Value.1}; Alibaba {@code SecurityGroupId.1}, {@code Zone.1.VSwitchId}).
 */
public final class FlatParams {

    private FlatParams() {
    }

    /** Parses {@code application/x-www-form-urlencoded} text (a body or a query string) into {@code into}. */
    public static Map<String, String> parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return into;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.put(key, value);
        }
        return into;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Values of {@code prefix.1, prefix.2, …} in index order; empty values are skipped. */
    public static List<String> list(Map<String, String> params, String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)");
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        params.forEach((k, v) -> {
            Matcher m = p.matcher(k);
            if (m.matches() && !v.isEmpty()) {
                byIndex.put(Integer.parseInt(m.group(1)), v);
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** The members of {@code prefix.N.*}, one map (member name → value) per index, in index order. */
    public static List<Map<String, String>> structs(Map<String, String> params, String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\..+");
        TreeSet<Integer> indexes = new TreeSet<>();
        params.keySet().forEach(k -> {
            Matcher m = p.matcher(k);
            if (m.matches()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
        });
        List<Map<String, String>> result = new ArrayList<>();
        for (int index : indexes) {
            String head = prefix + "." + index + ".";
            Map<String, String> sub = new TreeMap<>();
            params.forEach((k, v) -> {
                if (k.startsWith(head)) {
                    sub.put(k.substring(head.length()), v);
                }
            });
            result.add(sub);
        }
        return result;
    }
}
