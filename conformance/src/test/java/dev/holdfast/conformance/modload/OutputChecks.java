package dev.holdfast.conformance.modload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of Holdfast outputs the go command has no identical counterpart for: {@code list --json}
 * against the same fields of {@code go list -m -json all}, and {@code why --json} chains against the
 * edges and shortest distances of {@code go mod graph}.
 */
final class OutputChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("Path", "Version", "Main", "Indirect", "GoVersion");
    private static final List<String> REPLACE_FIELDS = List.of("Path", "Version", "GoVersion");

    private OutputChecks() {}

    /** The outcome of checking several items: how many, how many passed, and what failed. */
    record Tally(int compared, int agreed, List<String> problems) {}

    /**
     * Compares {@code holdfast list --json} with {@code go list -m -json all} on the fields Holdfast
     * reports; the main module's GoVersion only when its go.mod has a go line (without one, the go command
     * with {@code -mod=mod} writes its own version there and reports that).
     */
    static String compareListJson(String go, String holdfast, boolean mainHasGoLine) {
        List<Map<String, Object>> theirs = new ArrayList<>();
        for (JsonNode n : objects(go)) {
            Map<String, Object> fields = pick(n, FIELDS);
            if (n.has("Replace")) {
                fields.put("Replace", pick(n.get("Replace"), REPLACE_FIELDS));
            }
            if (n.path("Main").asBoolean() && !mainHasGoLine) {
                fields.remove("GoVersion");
            }
            theirs.add(fields);
        }
        List<Map<String, Object>> mine = new ArrayList<>();
        for (JsonNode n : objects(holdfast)) {
            Map<String, Object> fields = pick(n, FIELDS);
            if (n.has("Replace")) {
                fields.put("Replace", pick(n.get("Replace"), REPLACE_FIELDS));
            }
            mine.add(fields);
        }
        return theirs.equals(mine) ? "" : "list --json differs:\n--- go:\n" + theirs + "\n--- holdfast:\n" + mine;
    }

    /**
     * Checks every object of {@code holdfast why --json}: its Version is the module's version in {@code go
     * list -m all}, its Chain starts at a main module (one of a workspace's), follows edges of {@code go mod
     * graph}, ends at that version, and is no longer than the shortest such path.
     */
    static Tally checkWhy(String goGraph, String goList, String holdfastWhy, Set<String> mainPaths) {
        Map<String, List<String>> edges = new HashMap<>();
        goGraph.lines().map(l -> l.split(" ")).forEach(e -> edges.computeIfAbsent(e[0], k -> new ArrayList<>())
                .add(e[1]));
        Map<String, String> selected = new LinkedHashMap<>();
        goList.lines().map(l -> l.split(" ")).filter(f -> f.length >= 2).forEach(f -> selected.put(f[0], f[1]));
        Map<String, Integer> distance = distances(edges, mainPaths);
        int compared = 0;
        int agreed = 0;
        List<String> problems = new ArrayList<>();
        for (JsonNode why : objects(holdfastWhy)) {
            compared++;
            String path = why.get("Path").asText();
            String target = path + "@" + selected.get(path);
            List<String> chain = new ArrayList<>();
            why.get("Chain").forEach(c -> chain.add(c.asText()));
            boolean ok = why.path("Version").asText().equals(selected.get(path))
                    && !chain.isEmpty()
                    && mainPaths.contains(chain.getFirst())
                    && chain.getLast().equals(target)
                    && chain.size() - 1 == distance.getOrDefault(target, -1);
            for (int i = 0; ok && i + 1 < chain.size(); i++) {
                ok = edges.getOrDefault(chain.get(i), List.of()).contains(chain.get(i + 1));
            }
            if (ok) {
                agreed++;
            } else {
                problems.add("why " + path + ": chain " + chain + ", want a shortest path to " + target);
            }
        }
        return new Tally(compared, agreed, problems);
    }

    /** Returns the breadth-first distance of every node from the nearest of {@code starts} along {@code edges}. */
    private static Map<String, Integer> distances(Map<String, List<String>> edges, Set<String> starts) {
        Map<String, Integer> distance = new HashMap<>();
        starts.forEach(s -> distance.put(s, 0));
        ArrayDeque<String> queue = new ArrayDeque<>(starts);
        Set<String> seen = new HashSet<>(starts);
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (String next : edges.getOrDefault(node, List.of())) {
                if (seen.add(next)) {
                    distance.put(next, distance.get(node) + 1);
                    queue.add(next);
                }
            }
        }
        return distance;
    }

    private static Map<String, Object> pick(JsonNode n, List<String> names) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : names) {
            if (n.has(name)) {
                fields.put(name, n.get(name).asText());
            }
        }
        return fields;
    }

    static List<JsonNode> objects(String text) {
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("not a sequence of JSON objects:\n" + text, e);
        }
    }
}
