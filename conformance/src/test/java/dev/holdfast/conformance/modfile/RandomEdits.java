package dev.holdfast.conformance.modfile;

import static dev.holdfast.conformance.modfile.EditScript.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.modfile.GoModFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random editing scripts (see {@link EditScript}) for a parsed file: paths and versions are drawn
 * from the file itself and from a small pool, versions are sometimes invalid so that both sides
 * must fail alike. Scripts avoid what makes x/mod panic rather than fail (SetRequire* on a file
 * with dropped but not cleaned-up requirements, conflicting SetRequire versions).
 */
final class RandomEdits {
    private RandomEdits() {}

    private static final String[] VERSIONS = {
        "v1.0.0",
        "v1.2.3",
        "v0.1.0",
        "v1.10.0",
        "v1.9.0",
        "v2.0.0",
        "v2.0.0+incompatible",
        "v0.0.0-20230102030405-abcdefabcdef",
        "v1.0.0-rc.1",
        "v1.0",
        "master"
    };
    private static final String[] PATHS = {
        "example.com/a",
        "example.com/b",
        "example.com/z",
        "example.com/m/v2",
        "example.com/with space",
        "golang.org/x/text"
    };
    private static final String[] OPS = {
        "addRequire",
        "addNewRequire",
        "dropRequire",
        "setRequire",
        "setRequireSeparateIndirect",
        "addExclude",
        "dropExclude",
        "addReplace",
        "dropReplace",
        "addRetract",
        "dropRetract",
        "addGoStmt",
        "dropGoStmt",
        "addToolchainStmt",
        "dropToolchainStmt",
        "addGodebug",
        "dropGodebug",
        "addTool",
        "dropTool",
        "addIgnore",
        "dropIgnore",
        "addModuleStmt",
        "addComment",
        "sortBlocks",
        "cleanup"
    };

    static List<List<String>> script(GoModFile f, Random r) {
        List<String> paths = new ArrayList<>(List.of(PATHS));
        f.requires().forEach(req -> paths.add(req.path()));
        f.excludes().forEach(x -> paths.add(x.path()));
        f.replaces().forEach(x -> paths.add(x.oldPath()));
        List<List<String>> script = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            String op = OPS[r.nextInt(OPS.length)];
            if (op.startsWith("setRequire")) {
                script.add(edit("cleanup"));
            }
            script.add(op(op, f, paths, r));
        }
        if (r.nextBoolean()) {
            script.add(edit("sortBlocks"));
            script.add(edit("cleanup"));
        }
        return script;
    }

    private static String pick(List<String> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static String version(Random r) {
        return VERSIONS[r.nextInt(VERSIONS.length)];
    }

    private static String bool(Random r) {
        return String.valueOf(r.nextBoolean());
    }

    private static List<String> op(String op, GoModFile f, List<String> paths, Random r) {
        return switch (op) {
            case "addRequire", "addExclude", "dropExclude" -> edit(op, pick(paths, r), version(r));
            case "addNewRequire" -> edit(op, pick(paths, r), version(r), bool(r));
            case "dropRequire", "addTool", "dropTool" -> edit(op, pick(paths, r));
            case "setRequire", "setRequireSeparateIndirect" -> setRequire(op, paths, r);
            case "addReplace" -> {
                String target = r.nextBoolean() ? pick(List.of("./local", "../up", "/abs/dir"), r) : pick(paths, r);
                String targetVersion = GoModFile.isDirectoryPath(target) ? "" : version(r);
                yield edit(op, pick(paths, r), r.nextBoolean() ? "" : version(r), target, targetVersion);
            }
            case "dropReplace" -> edit(op, pick(paths, r), r.nextBoolean() ? "" : version(r));
            case "addRetract" -> {
                String low = version(r);
                String high = r.nextBoolean() ? low : version(r);
                yield edit(op, low, high, r.nextBoolean() ? "" : "Broken release.\nSee issue.");
            }
            case "dropRetract" -> edit(op, version(r), version(r));
            case "addGoStmt" -> edit(op, pick(List.of("1.21", "1.22.3", "1.16", "1.23rc1", "1.2.3.4"), r));
            case "addToolchainStmt" -> edit(op, pick(List.of("go1.22.1", "default", "go1", "gccgo"), r));
            case "addGodebug" ->
                edit(op, pick(List.of("panicnil", "x509sha1", "default"), r), pick(List.of("0", "1"), r));
            case "dropGodebug" -> edit(op, pick(List.of("panicnil", "x509sha1", "default"), r));
            case "addIgnore", "dropIgnore" -> edit(op, pick(List.of("./testdata", "node_modules", "./a b"), r));
            case "addModuleStmt" -> edit(op, pick(List.of("example.com/renamed", "example.com/m/v3"), r));
            case "addComment" -> edit(op, "// generated note");
            default -> edit(op);
        };
    }

    private static List<String> setRequire(String op, List<String> paths, Random r) {
        Map<String, String> chosen = new LinkedHashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            chosen.putIfAbsent(pick(paths, r), version(r) + " " + bool(r));
        }
        List<String> e = new ArrayList<>(List.of(op));
        chosen.forEach((path, vi) -> {
            e.add(path);
            e.addAll(List.of(vi.split(" ")));
        });
        return e;
    }

    /**
     * Returns directives ready to compare: without the entries that x/mod's drop functions zero and
     * leave in place (its Cleanup does not filter tools and ignores; Holdfast's accessors skip all
     * dropped entries), and with requirements sorted if {@code sortRequires} (SetRequire appends new
     * ones in Go's random map order).
     */
    static JsonNode normalize(JsonNode json, boolean sortRequires) {
        ObjectNode out = json.deepCopy();
        for (String field : List.of("godebug", "require", "exclude", "replace", "retract", "tool", "ignore")) {
            JsonNode list = json.get(field);
            if (list == null || !list.isArray()) {
                continue;
            }
            List<JsonNode> kept = new ArrayList<>();
            list.forEach(e -> {
                if (!(e.isArray() ? e.get(0) : e).asText().isEmpty()) {
                    kept.add(e);
                }
            });
            if (sortRequires && field.equals("require")) {
                kept.sort(Comparator.comparing(JsonNode::toString));
            }
            ArrayNode arr = JsonNodeFactory.instance.arrayNode().addAll(kept);
            out.set(field, kept.isEmpty() ? null : arr);
        }
        return out;
    }
}
