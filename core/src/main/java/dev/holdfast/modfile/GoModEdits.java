package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModFile.Entry;
import dev.holdfast.modfile.GoModFile.Exclude;
import dev.holdfast.modfile.GoModFile.Replace;
import dev.holdfast.modfile.GoModFile.Require;
import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.Comments;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.FileSyntax;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModulePath;
import dev.holdfast.semver.Semver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edits of a {@link GoModFile} that take more than updating one line: rewriting the require
 * directives to a wanted set while keeping lines and comments where possible (x/mod's {@code
 * SetRequire} and {@code SetRequireSeparateIndirect}), {@code // indirect} markings, and adding
 * exclusions, replacements and retractions where x/mod puts them.
 */
final class GoModEdits {
    private GoModEdits() {}

    private static final String INDIRECT = "indirect";

    /** Reports whether the line's first suffix comment marks it {@code // indirect}. */
    static boolean isIndirect(Line line) {
        if (line.comments.suffix.isEmpty()) {
            return false;
        }
        List<String> f = ByteStrings.fields(
                withoutSlashes(line.comments.suffix.getFirst().token()));
        return f.size() == 1 && f.getFirst().equals(INDIRECT)
                || f.size() > 1 && f.getFirst().equals("indirect;");
    }

    private static String withoutSlashes(String token) {
        return token.startsWith("//") ? token.substring(2) : token;
    }

    /** Adds or removes the {@code // indirect} marking, keeping any other comment text. */
    static void setIndirect(Entry<Require> r, boolean indirect) {
        r.value = new Require(r.value.path(), r.value.version(), indirect);
        Line line = r.syntax;
        if (isIndirect(line) == indirect) {
            return;
        }
        List<Comment> suffix = line.comments.suffix;
        if (indirect) {
            if (suffix.isEmpty()) {
                line.comments.suffix =
                        new ArrayList<>(List.of(new Comment(GoModSyntax.Position.ZERO, "// indirect", true)));
                return;
            }
            String text = ByteStrings.trimSpace(withoutSlashes(suffix.getFirst().token()));
            suffix.set(0, suffix.getFirst().withToken(text.isEmpty() ? "// indirect" : "// indirect; " + text));
            return;
        }
        if (ByteStrings.trimSpace(withoutSlashes(suffix.getFirst().token())).equals(INDIRECT)) {
            line.comments.suffix = new ArrayList<>();
            return;
        }
        String token = suffix.getFirst().token();
        int i = token.indexOf("indirect;");
        suffix.set(0, suffix.getFirst().withToken("//" + token.substring(i + "indirect;".length())));
    }

    /** Sets the version token, dropping a blank line just before a block line (go.dev/issue/33779). */
    static void setVersion(Entry<Require> r, String version) {
        r.value = new Require(r.value.path(), version, r.value.indirect());
        Line line = r.syntax;
        if (line.token == null || line.token.isEmpty()) {
            return;
        }
        String raw = ByteStrings.raw(version);
        if (line.inBlock) {
            List<Comment> before = line.comments.before;
            if (before.size() == 1 && before.getFirst().token().isEmpty()) {
                line.comments.before = new ArrayList<>();
            }
            if (line.token.size() >= 2) {
                line.token.set(1, raw);
            }
        } else if (line.token.size() >= 3) {
            line.token.set(2, raw);
        }
    }

    /** Returns {@code reqs} by path, the last entry for a path winning; fails on conflicting versions. */
    private static Map<String, Require> byPath(List<Require> reqs) {
        Map<String, Require> need = new LinkedHashMap<>();
        for (Require r : reqs) {
            Require prev = need.get(r.path());
            if (prev != null && !prev.version().equals(r.version())) {
                throw new IllegalArgumentException("SetRequire called with conflicting versions for path %s (%s and %s)"
                        .formatted(r.path(), prev.version(), r.version()));
            }
            need.put(r.path(), r);
        }
        return need;
    }

    static void setRequire(GoModFile f, List<Require> reqs) {
        Map<String, Require> need = byPath(reqs);
        for (Entry<Require> r : List.copyOf(f.requires)) {
            if (r.value == null) {
                continue;
            }
            String path = r.value.path();
            Require e = need.remove(path);
            if (e != null) {
                setVersion(r, e.version());
                setIndirect(r, e.indirect());
            } else {
                r.drop();
            }
        }
        for (Require e : need.values()) {
            f.addNewRequire(e.path(), e.version(), e.indirect());
        }
        f.sortBlocks();
    }

    /** Reports whether comments hold more than a lone {@code // indirect}. */
    private static boolean hasComments(Comments c) {
        return !c.before.isEmpty()
                || !c.after.isEmpty()
                || c.suffix.size() > 1
                || c.suffix.size() == 1
                        && !ByteStrings.trimSpace(
                                        withoutSlashes(c.suffix.getFirst().token()))
                                .equals(INDIRECT);
    }

    /** The require statements of a file, as {@code setRequireSeparateIndirect} first surveys them. */
    private static final class Survey {
        int lastDirect = -1;
        int lastIndirect = -1;
        int lastRequire = -1;
        int count;
        final Map<Line, LineBlock> lineToBlock = new IdentityHashMap<>();

        Survey(List<Expr> stmts) {
            for (int i = 0; i < stmts.size(); i++) {
                switch (stmts.get(i)) {
                    case Line l
                    when isRequire(l.token) -> {
                        lastRequire = i;
                        count++;
                        if (!hasComments(l.comments)) {
                            if (isIndirect(l)) {
                                lastIndirect = i;
                            } else {
                                lastDirect = i;
                            }
                        }
                    }
                    case LineBlock b when isRequire(b.token) -> surveyBlock(i, b);
                    default -> {}
                }
            }
        }

        private void surveyBlock(int i, LineBlock b) {
            lastRequire = i;
            count++;
            boolean allDirect = !b.lines.isEmpty() && !hasComments(b.comments);
            boolean allIndirect = allDirect;
            for (Line line : b.lines) {
                lineToBlock.put(line, b);
                if (hasComments(line.comments)) {
                    allDirect = false;
                    allIndirect = false;
                } else if (isIndirect(line)) {
                    allDirect = false;
                } else {
                    allIndirect = false;
                }
            }
            if (allDirect) {
                lastDirect = i;
            }
            if (allIndirect) {
                lastIndirect = i;
            }
        }

        private static boolean isRequire(List<String> token) {
            return token != null && !token.isEmpty() && token.getFirst().equals("require");
        }
    }

    static void setRequireSeparateIndirect(GoModFile f, List<Require> reqs) {
        List<Expr> stmts = f.syntax.stmts;
        Survey s = new Survey(stmts);
        boolean oneFlatUncommentedBlock = s.count == 1 && !hasComments(stmts.get(s.lastRequire).comments);

        // Find or make the target blocks; empty or one-line ones are tidied by cleanup later.
        int directIndex = s.lastDirect;
        int indirectIndex = s.lastIndirect;
        LineBlock directBlock;
        if (directIndex < 0) {
            if (indirectIndex >= 0) {
                directIndex = indirectIndex;
                indirectIndex++;
            } else if (s.lastRequire >= 0) {
                directIndex = s.lastRequire + 1;
            } else {
                directIndex = stmts.size();
            }
            directBlock = insertBlock(stmts, directIndex);
        } else {
            directBlock = ensureBlock(stmts, directIndex);
        }
        LineBlock indirectBlock =
                indirectIndex < 0 ? insertBlock(stmts, directIndex + 1) : ensureBlock(stmts, indirectIndex);

        Map<String, Require> need = new LinkedHashMap<>();
        reqs.forEach(r -> need.put(r.path(), r));
        Map<String, Entry<Require>> have = new HashMap<>();
        for (Entry<Require> r : List.copyOf(f.requires)) {
            if (r.value == null) {
                continue;
            }
            String path = r.value.path();
            Require want = need.get(path);
            if (want == null || have.containsKey(path)) {
                r.drop(); // not needed, or a duplicate
                continue;
            }
            have.put(path, r);
            setVersion(r, want.version());
            setIndirect(r, want.indirect());
            LineBlock from = s.lineToBlock.get(r.syntax);
            if (want.indirect() && (oneFlatUncommentedBlock || from == directBlock)) {
                moveReq(r, indirectBlock);
            } else if (!want.indirect() && (oneFlatUncommentedBlock || from == indirectBlock)) {
                moveReq(r, directBlock);
            }
        }
        for (Require r : need.values()) {
            if (!have.containsKey(r.path())) {
                Entry<Require> added = new Entry<>(r, null);
                moveReq(added, r.indirect() ? indirectBlock : directBlock);
                f.requires.add(added);
            }
        }
        f.sortBlocks();
    }

    private static LineBlock insertBlock(List<Expr> stmts, int i) {
        LineBlock block = new LineBlock(List.of("require"));
        stmts.add(i, block);
        return block;
    }

    private static LineBlock ensureBlock(List<Expr> stmts, int i) {
        return switch (stmts.get(i)) {
            case LineBlock b -> b;
            case Line l -> {
                LineBlock block = new LineBlock(List.of("require"));
                block.lines.add(l);
                l.token = new ArrayList<>(l.token.subList(1, l.token.size()));
                l.inBlock = true;
                stmts.set(i, block);
                yield block;
            }
            default -> throw new IllegalStateException("unexpected statement: " + stmts.get(i));
        };
    }

    /** Appends the requirement's line to {@code block}, leaving its old line for cleanup to delete. */
    private static void moveReq(Entry<Require> r, LineBlock block) {
        Line line;
        if (r.syntax == null) {
            line = new Line(List.of(GoModFile.autoQuoteRaw(r.value.path()), ByteStrings.raw(r.value.version())), true);
            r.syntax = line;
            if (r.value.indirect()) {
                setIndirect(r, true);
            }
        } else {
            Line old = r.syntax;
            line = new Line(old.token, old.inBlock);
            line.start = old.start;
            line.end = old.end;
            line.comments.before = new ArrayList<>(old.comments.before);
            line.comments.suffix = new ArrayList<>(old.comments.suffix);
            line.comments.after = new ArrayList<>(old.comments.after);
            if (!line.inBlock && !line.token.isEmpty() && line.token.getFirst().equals("require")) {
                line.token = new ArrayList<>(line.token.subList(1, line.token.size()));
            }
            old.token = null;
            r.syntax = line;
        }
        line.inBlock = true;
        block.lines.add(line);
    }

    static void addExclude(GoModFile f, String path, String version) {
        checkCanonicalVersion(path, version);
        Line hint = null;
        for (Entry<Exclude> x : f.excludes) {
            if (x.value == null) {
                continue;
            }
            if (x.value.equals(new Exclude(path, version))) {
                return;
            }
            if (x.value.path().equals(path)) {
                hint = x.syntax;
            }
        }
        Line line = addLineAfter(f, hint, List.of("exclude", GoModFile.autoQuoteRaw(path), ByteStrings.raw(version)));
        f.excludes.add(new Entry<>(new Exclude(path, version), line));
    }

    /**
     * Adds a line next to {@code hint}, or at the end of the file without one. x/mod's AddExclude and
     * AddReplace pass a nil {@code *Line} hint, which as a non-nil interface value defeats addLine's
     * search for a same-verb block; so a first exclusion or replacement of a path goes at the end.
     */
    private static Line addLineAfter(GoModFile f, Line hint, List<String> tokens) {
        return hint == null ? f.syntax.appendLine(tokens) : f.syntax.addLine(hint, tokens);
    }

    static void addReplace(GoModFile f, String oldPath, String oldVersion, String newPath, String newVersion) {
        List<String> tokens = new ArrayList<>(List.of("replace", GoModFile.autoQuoteRaw(oldPath)));
        if (!oldVersion.isEmpty()) {
            tokens.add(ByteStrings.raw(oldVersion));
        }
        tokens.add("=>");
        tokens.add(GoModFile.autoQuoteRaw(newPath));
        if (!newVersion.isEmpty()) {
            tokens.add(ByteStrings.raw(newVersion));
        }
        boolean need = true;
        Line hint = null;
        for (Entry<Replace> r : f.replaces) {
            if (r.value == null) {
                continue;
            }
            if (r.value.oldPath().equals(oldPath)
                    && (oldVersion.isEmpty() || r.value.oldVersion().equals(oldVersion))) {
                if (need) {
                    // As in x/mod, the old version of the entry stays as it was.
                    r.value = new Replace(r.value.oldPath(), r.value.oldVersion(), newPath, newVersion);
                    FileSyntax.updateLine(r.syntax, tokens);
                    need = false;
                } else {
                    r.drop();
                }
            } else if (r.value.oldPath().equals(oldPath)) {
                hint = r.syntax;
            }
        }
        if (need) {
            Line line = addLineAfter(f, hint, tokens);
            f.replaces.add(new Entry<>(new Replace(oldPath, oldVersion, newPath, newVersion), line));
        }
    }

    static void addRetract(GoModFile f, String low, String high, String rationale) {
        String path = f.module == null ? "" : f.module.value.path();
        checkCanonicalVersion(path, high);
        checkCanonicalVersion(path, low);
        List<String> tokens = low.equals(high)
                ? List.of("retract", GoModFile.autoQuoteRaw(low))
                : List.of("retract", "[", GoModFile.autoQuoteRaw(low), ",", GoModFile.autoQuoteRaw(high), "]");
        Line line = f.syntax.addLine(null, tokens);
        if (!rationale.isEmpty()) {
            for (String text : rationale.split("\n", -1)) {
                line.comments.before.add(Comment.of(ByteStrings.raw("// " + text)));
            }
        }
    }

    /**
     * Checks that {@code version} is canonical and fits the major version of {@code path} (x/mod's
     * checkCanonicalVersion), suggesting {@code +incompatible} where that is what was probably meant.
     */
    private static void checkCanonicalVersion(String path, String version) {
        String pathMajor = ModulePath.splitPathVersion(path)
                .map(ModulePath.PathMajor::pathMajor)
                .orElse("");
        boolean pathMajorOk = ModulePath.splitPathVersion(path).isPresent();
        if (version.isEmpty() || !version.equals(ModulePath.canonicalVersion(version))) {
            String form = pathMajor.isEmpty() ? "v1" : ModulePath.pathMajorPrefix(pathMajor);
            throw new InvalidVersionException("", version, false, "must be of the form " + form + ".2.3");
        }
        if (pathMajorOk && !ModulePath.matchPathMajor(version, pathMajor)) {
            if (pathMajor.isEmpty()) {
                // The user probably meant +incompatible rather than "v0 or v1".
                throw new InvalidVersionException(
                        "",
                        version,
                        false,
                        "should be " + version + "+incompatible (or module " + path + "/" + Semver.major(version)
                                + ")");
            }
            ModulePath.checkPathMajor(version, pathMajor);
        }
    }
}
