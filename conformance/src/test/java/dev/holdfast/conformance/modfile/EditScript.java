package dev.holdfast.conformance.modfile;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModFile.Require;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies edits written as {@code [name, args...]} string lists to a {@link GoModFile}, with the
 * same names and argument order as the oracle's {@code modfile.edit} op (oracle/modfile.go), so one
 * script drives both sides of a comparison.
 */
final class EditScript {
    private EditScript() {}

    static void applyAll(GoModFile f, List<List<String>> edits) {
        for (List<String> e : edits) {
            apply(f, e);
        }
    }

    static void apply(GoModFile f, List<String> e) {
        switch (e.getFirst()) {
            case "addModuleStmt" -> f.addModuleStmt(e.get(1));
            case "addGoStmt" -> f.addGoStmt(e.get(1));
            case "dropGoStmt" -> f.dropGoStmt();
            case "addToolchainStmt" -> f.addToolchainStmt(e.get(1));
            case "dropToolchainStmt" -> f.dropToolchainStmt();
            case "addGodebug" -> f.addGodebug(e.get(1), e.get(2));
            case "dropGodebug" -> f.dropGodebug(e.get(1));
            case "addRequire" -> f.addRequire(e.get(1), e.get(2));
            case "addNewRequire" -> f.addNewRequire(e.get(1), e.get(2), e.get(3).equals("true"));
            case "dropRequire" -> f.dropRequire(e.get(1));
            case "setRequire" -> f.setRequire(requires(e));
            case "setRequireSeparateIndirect" -> f.setRequireSeparateIndirect(requires(e));
            case "addExclude" -> f.addExclude(e.get(1), e.get(2));
            case "dropExclude" -> f.dropExclude(e.get(1), e.get(2));
            case "addReplace" -> f.addReplace(e.get(1), e.get(2), e.get(3), e.get(4));
            case "dropReplace" -> f.dropReplace(e.get(1), e.get(2));
            case "addRetract" -> f.addRetract(e.get(1), e.get(2), e.get(3));
            case "dropRetract" -> f.dropRetract(e.get(1), e.get(2));
            case "addTool" -> f.addTool(e.get(1));
            case "dropTool" -> f.dropTool(e.get(1));
            case "addIgnore" -> f.addIgnore(e.get(1));
            case "dropIgnore" -> f.dropIgnore(e.get(1));
            case "addComment" -> f.addComment(e.get(1));
            case "sortBlocks" -> f.sortBlocks();
            case "cleanup" -> f.cleanup();
            default -> throw new IllegalArgumentException("unknown edit " + e);
        }
    }

    /** Reads the (path, version, indirect) triples after the edit name. */
    private static List<Require> requires(List<String> e) {
        List<Require> reqs = new ArrayList<>();
        for (int i = 1; i + 2 < e.size(); i += 3) {
            reqs.add(new Require(e.get(i), e.get(i + 1), e.get(i + 2).equals("true")));
        }
        return reqs;
    }

    /** Returns an edit list: {@code edit("addRequire", "example.com/a", "v1.0.0")}. */
    static List<String> edit(String... parts) {
        return List.of(parts);
    }
}
