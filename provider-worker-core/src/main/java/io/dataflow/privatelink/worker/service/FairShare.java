package io.dataflow.privatelink.worker.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The order in which a pass takes one kind of pending work when the cloud's budget cannot take it all: round
 * robin across tenants, level by level (location, then project, then cluster), so one tenant's burst delays
 * another's request by about one turn instead of by the whole burst. A pass asks each level's groups in the
 * order they were last given capacity (never first; among equals, the one with the oldest item first), and
 * takes one item of each group per round; within a group the oldest goes first. Groups are remembered only
 * while they have pending work (a returning tenant counts as never served), so the memory is bounded by what
 * is pending. Not thread-safe: one pass at a time uses it.
 */
final class FairShare {

    /** A tenant path's prefix (location; location and project; ...) → the turn it was last given capacity. */
    private final Map<String, Long> lastServed = new HashMap<>();
    private long turn;

    /**
     * {@code items} (oldest first) in the order a pass should try them; {@code tenantPath} gives each item's
     * groups, outermost first (every item the same number of levels).
     */
    <T> List<T> order(List<T> items, Function<T, List<String>> tenantPath) {
        Set<String> pending = new HashSet<>();
        List<T> ordered = order(items, item -> prefixes(tenantPath.apply(item)), 0, pending);
        lastServed.keySet().retainAll(pending);
        return ordered;
    }

    /** The item's groups were given capacity now: they go to the back of their levels' rounds. */
    void served(List<String> tenantPath) {
        turn++;
        for (String prefix : prefixes(tenantPath)) {
            lastServed.put(prefix, turn);
        }
    }

    private <T> List<T> order(List<T> items, Function<T, List<String>> prefixesOf, int level, Set<String> pending) {
        if (items.isEmpty() || prefixesOf.apply(items.get(0)).size() <= level) {
            return items;
        }
        Map<String, List<T>> groups = new LinkedHashMap<>(); // first appearance: the oldest item's group first
        for (T item : items) {
            groups.computeIfAbsent(prefixesOf.apply(item).get(level), key -> new ArrayList<>()).add(item);
        }
        pending.addAll(groups.keySet());
        List<String> keys = new ArrayList<>(groups.keySet());
        keys.sort(Comparator.comparingLong(key -> lastServed.getOrDefault(key, Long.MIN_VALUE))); // stable
        List<List<T>> rounds = new ArrayList<>();
        for (String key : keys) {
            rounds.add(order(groups.get(key), prefixesOf, level + 1, pending));
        }
        List<T> merged = new ArrayList<>(items.size());
        for (int round = 0; merged.size() < items.size(); round++) {
            for (List<T> group : rounds) {
                if (round < group.size()) {
                    merged.add(group.get(round));
                }
            }
        }
        return merged;
    }

    /** [a, b, c] → [a, a·b, a·b·c]: a cluster is named within its project, a project within its location. */
    private static List<String> prefixes(List<String> path) {
        List<String> prefixes = new ArrayList<>(path.size());
        StringBuilder prefix = new StringBuilder();
        for (String part : path) {
            if (prefix.length() > 0) {
                prefix.append('\u001f'); // the unit separator: in no id
            }
            prefix.append(part);
            prefixes.add(prefix.toString());
        }
        return prefixes;
    }
}
