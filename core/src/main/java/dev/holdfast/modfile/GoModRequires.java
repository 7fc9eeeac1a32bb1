package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModFile.Entry;
import dev.holdfast.modfile.GoModFile.Require;
import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.Comments;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the require directives of a file to a wanted set, keeping existing lines and their
 * comments where possible (x/mod's {@code SetRequire} and {@code SetRequireSeparateIndirect}), and
 * maintains {@code // indirect} markings.
 */
final class GoModRequires {
    private GoModRequires() {}

    private static final String INDIRECT = "indirect";

    /** Reports whether the line's first suffix comment marks it {@code // indirect}. */
    static boolean isIndirect(Line line) {
        if (line.comments.suffix.isEmpty()) {
            return false;
        }
        List<String> f =
                GoText.fields(withoutSlashes(line.comments.suffix.getFirst().token()));
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
            String text = GoText.trimSpace(withoutSlashes(suffix.getFirst().token()));
            suffix.set(0, suffix.getFirst().withToken(text.isEmpty() ? "// indirect" : "// indirect; " + text));
            return;
        }
        if (GoText.trimSpace(withoutSlashes(suffix.getFirst().token())).equals(INDIRECT)) {
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
        String raw = GoText.raw(version);
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
                        && !GoText.trimSpace(withoutSlashes(c.suffix.getFirst().token()))
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
        boolean oneFlatUncommentedBlock =
                s.count == 1 && !hasComments(stmts.get(s.lastRequire).comments());

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
            line = new Line(List.of(GoModFile.autoQuoteRaw(r.value.path()), GoText.raw(r.value.version())), true);
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
}
