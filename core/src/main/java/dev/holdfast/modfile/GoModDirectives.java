package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModFile.Entry;
import dev.holdfast.modfile.GoModFile.Exclude;
import dev.holdfast.modfile.GoModFile.Godebug;
import dev.holdfast.modfile.GoModFile.Module;
import dev.holdfast.modfile.GoModFile.Replace;
import dev.holdfast.modfile.GoModFile.Require;
import dev.holdfast.modfile.GoModFile.Retract;
import dev.holdfast.modfile.GoModFile.VersionFixer;
import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.Comments;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.FileSyntax;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import dev.holdfast.modfile.GoModSyntax.Position;
import dev.holdfast.modfile.GoModSyntaxException.Problem;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModulePath;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets the statements of a go.mod syntax tree as directives (x/mod's {@code parseToFile} and
 * {@code File.add}), collecting every problem.
 *
 * <p>As in x/mod, interpretation rewrites some tokens in place: quoted paths become {@link
 * #autoQuote auto-quoted}, versions become canonical (or what the fixer returns), and a lax go
 * version is cut to major.minor. Values are read from the byte-string tokens and decoded to text
 * only when they become part of a {@link GoModFile} record.
 */
final class GoModDirectives {
    private static final Set<String> BLOCK_VERBS =
            Set.of("module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore");
    private static final Set<String> LAX_VERBS = Set.of("go", "module", "retract", "require", "ignore");
    private static final Set<String> WORK_BLOCK_VERBS = Set.of("godebug", "use", "replace");
    private static final Set<String> WORK_VERBS = Set.of("go", "toolchain", "godebug", "use", "replace");
    private static final Pattern LAX_GO_VERSION =
            Pattern.compile("v?(([1-9][0-9]*)\\.(0|[1-9][0-9]*))([^0-9].*)", Pattern.UNIX_LINES);
    // Go's "$" (end of text) is Java's "\z".
    private static final Pattern DEPRECATED = Pattern.compile("(?s)(?:^|\n\n)Deprecated: *(.*?)(?:\\z|\n\n)");
    /** The fixer x/mod uses while reading retract directives: versions stay as written. */
    private static final VersionFixer DONT_FIX = (path, version) -> version;

    /** A problem found while reading one directive, before its position is known. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String verb;
        final String path;

        Failure(String verb, String path, String message) {
            super(message, null, false, false);
            this.verb = verb;
            this.path = path;
        }
    }

    private final GoModFile f;
    private final VersionFixer fix;
    private final boolean strict;
    private final boolean work;
    private final List<Problem> problems = new ArrayList<>();

    private GoModDirectives(GoModFile f, VersionFixer fix, boolean strict, boolean work) {
        this.f = f;
        this.fix = fix;
        this.strict = strict;
        this.work = work;
    }

    /** Returns the file that {@code syntax} declares; throws {@link GoModSyntaxException} on problems. */
    static GoModFile interpret(FileSyntax syntax, VersionFixer fix, boolean strict) {
        return interpret(new GoModDirectives(new GoModFile(syntax), fix, strict, false), syntax);
    }

    /**
     * Returns the go.work file that {@code syntax} declares (x/mod's {@code ParseWork}): only go,
     * toolchain, godebug, use and replace directives, every one of them valid; throws {@link
     * GoModSyntaxException} on problems.
     */
    static GoModFile interpretWork(FileSyntax syntax) {
        return interpret(new GoModDirectives(new GoModFile(syntax), null, true, true), syntax);
    }

    private static GoModFile interpret(GoModDirectives d, FileSyntax syntax) {
        for (Expr x : syntax.stmts) {
            switch (x) {
                case Line l -> d.add(null, l, l.token.getFirst(), l.token.subList(1, l.token.size()));
                case LineBlock b -> d.addBlock(b);
                default -> {}
            }
        }
        // Retract versions are fixed last: fixing needs the module path, which may come later.
        d.fixRetract();
        if (!d.problems.isEmpty()) {
            throw new GoModSyntaxException(d.problems);
        }
        return d.f;
    }

    private void addBlock(LineBlock b) {
        if (b.token.size() > 1 || !(work ? WORK_BLOCK_VERBS : BLOCK_VERBS).contains(b.token.getFirst())) {
            if (strict) {
                report(b.start, "", "", "unknown block type: " + ByteStrings.text(String.join(" ", b.token)));
            }
            return;
        }
        for (Line l : b.lines) {
            add(b, l, b.token.getFirst(), l.token);
        }
    }

    private void report(Position pos, String verb, String path, String message) {
        problems.add(new Problem(f.syntax.name, pos.line(), pos.lineRune(), verb, path, message));
    }

    /** Reads one directive; {@code args} is a live view of the line's tokens after the verb. */
    private void add(LineBlock block, Line line, String verb, List<String> args) {
        if (!strict && !LAX_VERBS.contains(verb)) {
            return; // a dependency's unknown or main-module-only directive
        }
        try {
            if (work && !WORK_VERBS.contains(verb)) {
                throw failure("unknown directive: " + ByteStrings.text(verb));
            }
            switch (verb) {
                case "go" -> addGo(line, args);
                case "toolchain" -> addToolchain(line, args);
                case "module" -> addModule(block, line, args);
                case "godebug" -> addGodebug(line, args);
                case "require", "exclude" -> addRequireOrExclude(line, verb, args);
                case "replace" -> addReplace(line, args);
                case "retract" -> addRetract(block, line, args);
                case "tool", "ignore" -> addPath(line, verb, args);
                case "use" -> addUse(line, args);
                default -> throw failure("unknown directive: " + ByteStrings.text(verb));
            }
        } catch (Failure e) {
            report(line.start, e.verb, e.path, e.getMessage());
        }
    }

    private static Failure failure(String message) {
        return new Failure("", "", message);
    }

    private void addGo(Line line, List<String> args) {
        if (f.go != null) {
            throw failure("repeated go statement");
        }
        if (args.size() != 1) {
            throw failure("go directive expects exactly one argument");
        }
        if (!GoModFile.GO_VERSION.matcher(args.getFirst()).matches()) {
            Matcher m = LAX_GO_VERSION.matcher(args.getFirst());
            if (strict || !m.matches()) {
                throw failure(
                        "invalid go version '" + ByteStrings.text(args.getFirst()) + "': must match format 1.23.0");
            }
            args.set(0, m.group(1));
        }
        f.go = new Entry<>(ByteStrings.text(args.getFirst()), line);
    }

    private void addToolchain(Line line, List<String> args) {
        if (f.toolchain != null) {
            throw failure("repeated toolchain statement");
        }
        if (args.size() != 1) {
            throw failure("toolchain directive expects exactly one argument");
        }
        if (!GoModFile.isToolchain(args.getFirst())) {
            throw failure("invalid toolchain version '" + ByteStrings.text(args.getFirst())
                    + "': must match format go1.23.0 or default");
        }
        f.toolchain = new Entry<>(ByteStrings.text(args.getFirst()), line);
    }

    private void addModule(LineBlock block, Line line, List<String> args) {
        if (f.module != null) {
            throw failure("repeated module statement");
        }
        String deprecated = "";
        Matcher m = DEPRECATED.matcher(directiveComment(block, line));
        if (m.find()) {
            deprecated = ByteStrings.text(m.group(1));
        }
        f.module = new Entry<>(new Module("", deprecated), line);
        if (args.size() != 1) {
            throw failure("usage: module module/path");
        }
        String path = quotedArg(args, 0);
        f.module.value = new Module(ByteStrings.text(path), deprecated);
    }

    private void addGodebug(Line line, List<String> args) {
        if (args.size() != 1 || args.getFirst().chars().anyMatch(c -> "\"`',".indexOf(c) >= 0)) {
            throw failure("usage: godebug key=value");
        }
        String kv = args.getFirst();
        int eq = kv.indexOf('=');
        if (eq < 0) {
            throw failure("usage: godebug key=value");
        }
        Godebug g = new Godebug(ByteStrings.text(kv.substring(0, eq)), ByteStrings.text(kv.substring(eq + 1)));
        f.godebugs.add(new Entry<>(g, line));
    }

    private void addRequireOrExclude(Line line, String verb, List<String> args) {
        if (args.size() != 2) {
            throw failure("usage: " + verb + " module/path v1.2.3");
        }
        String path = Names.intern(ByteStrings.text(quotedArg(args, 0)));
        String version = Names.intern(ByteStrings.text(parseVersion(verb, path, args, 1, fix)));
        checkPathMajor(verb, path, version, pathMajor(path));
        if (verb.equals("require")) {
            f.requires.add(new Entry<>(new Require(path, version, GoModEdits.isIndirect(line)), line));
        } else {
            f.excludes.add(new Entry<>(new Exclude(path, version), line));
        }
    }

    private void addReplace(Line line, List<String> args) {
        int arrow = args.size() >= 2 && args.get(1).equals("=>") ? 1 : 2;
        if (args.size() < arrow + 2
                || args.size() > arrow + 3
                || !args.get(arrow).equals("=>")) {
            throw failure("usage: replace module/path [v1.2.3] => other/module v1.4\n"
                    + "\t or replace module/path [v1.2.3] => ../local/directory");
        }
        String oldPath = ByteStrings.text(quotedArg(args, 0));
        String pathMajor;
        try {
            pathMajor = pathMajor(oldPath);
        } catch (Failure e) {
            throw new Failure("replace", oldPath, e.getMessage());
        }
        String oldVersion = "";
        if (arrow == 2) {
            oldVersion = ByteStrings.text(parseVersion("replace", oldPath, args, 1, fix));
            checkPathMajor("replace", oldPath, oldVersion, pathMajor);
        }
        String newPath = ByteStrings.text(quotedArg(args, arrow + 1));
        String newVersion = "";
        if (args.size() == arrow + 2) {
            if (!GoModFile.isDirectoryPath(newPath)) {
                throw failure(
                        newPath.contains("@")
                                ? "replacement module must match format 'path version', not 'path@version'"
                                : "replacement module without version must be directory path (rooted or starting with . or ..)");
            }
            if (File.separatorChar == '/' && newPath.contains("\\")) {
                throw failure("replacement directory appears to be Windows path (on a non-windows system)");
            }
        } else {
            newVersion = ByteStrings.text(parseVersion("replace", newPath, args, arrow + 2, fix));
            if (GoModFile.isDirectoryPath(newPath)) {
                throw failure("replacement module directory path "
                        + ByteStrings.text(ByteStrings.quote(ByteStrings.raw(newPath))) + " cannot have version");
            }
        }
        f.replaces.add(new Entry<>(new Replace(oldPath, oldVersion, newPath, newVersion), line));
    }

    private void addRetract(LineBlock block, Line line, List<String> args) {
        String rationale = ByteStrings.text(directiveComment(block, line));
        Interval vi;
        try {
            vi = parseVersionInterval("retract", "", args, DONT_FIX);
        } catch (Failure e) {
            if (strict) {
                throw e;
            }
            return; // dependencies may use interval syntax this parser does not know yet
        }
        if (vi.next() < args.size() && strict) {
            throw failure(
                    "unexpected token after version: " + ByteStrings.text(ByteStrings.quote(args.get(vi.next()))));
        }
        f.retracts.add(
                new Entry<>(new Retract(ByteStrings.text(vi.low()), ByteStrings.text(vi.high()), rationale), line));
    }

    private void addUse(Line line, List<String> args) {
        if (!work) {
            throw failure("unknown directive: use");
        }
        if (args.size() != 1) {
            throw failure("usage: use local/dir");
        }
        f.uses.add(new Entry<>(ByteStrings.text(quotedArg(args, 0)), line));
    }

    private void addPath(Line line, String verb, List<String> args) {
        if (args.size() != 1) {
            throw failure(verb + " directive expects exactly one argument");
        }
        String path = ByteStrings.text(quotedArg(args, 0));
        (verb.equals("tool") ? f.tools : f.ignores).add(new Entry<>(path, line));
    }

    /** Re-reads retract versions with the caller's fixer, now that the module path is known. */
    private void fixRetract() {
        if (fix == null) {
            return;
        }
        String path = f.module == null ? "" : f.module.value.path();
        for (Entry<Retract> r : f.retracts) {
            if (path.isEmpty()) {
                report(r.syntax.start, "", "", "no module directive found, so retract cannot be used");
                return; // report only the first
            }
            List<String> args = r.syntax.token;
            if (args.getFirst().equals("retract")) {
                args = args.subList(1, args.size());
            }
            try {
                Interval vi = parseVersionInterval("retract", path, args, fix);
                r.value = new Retract(ByteStrings.text(vi.low()), ByteStrings.text(vi.high()), r.value.rationale());
            } catch (Failure e) {
                report(r.syntax.start, e.verb, e.path, e.getMessage());
            }
        }
    }

    /** A version interval read from tokens, and the index of the first token after it. */
    private record Interval(String low, String high, int next) {}

    private static Interval parseVersionInterval(String verb, String path, List<String> args, VersionFixer fix) {
        if (args.isEmpty() || args.getFirst().equals("(")) {
            throw failure("expected '[' or version");
        }
        if (!args.getFirst().equals("[")) {
            String v = parseVersion(verb, path, args, 0, fix);
            return new Interval(v, v, 1);
        }
        if (args.size() < 2) {
            throw failure("expected version after '['");
        }
        String low = parseVersion(verb, path, args, 1, fix);
        if (args.size() < 3 || !args.get(2).equals(",")) {
            throw failure("expected ',' after version");
        }
        if (args.size() < 4) {
            throw failure("expected version after ','");
        }
        String high = parseVersion(verb, path, args, 3, fix);
        if (args.size() < 5 || !args.get(4).equals("]")) {
            throw failure("expected ']' after version");
        }
        return new Interval(low, high, 5);
    }

    /** Reads token {@code i} as a string, rewriting it in auto-quoted form; returns the byte string. */
    private static String quotedArg(List<String> args, int i) {
        try {
            return parseString(args, i);
        } catch (Failure e) {
            throw failure("invalid quoted string: " + e.getMessage());
        }
    }

    private static String parseString(List<String> args, int i) {
        String t = args.get(i);
        if (t.startsWith("\"")) {
            t = ByteStrings.unquote(t);
            if (t == null) {
                throw failure("invalid syntax");
            }
        } else if (t.indexOf('"') >= 0 || t.indexOf('\'') >= 0 || t.indexOf('`') >= 0) {
            // Other quotes are reserved, so that 'x' is an error rather than a literal x in quotes.
            throw failure("unquoted string cannot contain quote");
        }
        args.set(i, autoQuote(t));
        return t;
    }

    /** Reads token {@code i} as a version of module {@code path}, rewriting it as fixed. */
    private static String parseVersion(String verb, String path, List<String> args, int i, VersionFixer fix) {
        String t;
        try {
            t = parseString(args, i);
        } catch (Failure e) {
            throw new Failure(verb, path, invalidVersion(args.get(i), e.getMessage()));
        }
        if (fix == DONT_FIX) {
            // keep the version as written
        } else if (fix != null) {
            t = ByteStrings.raw(callFixer(verb, path, ByteStrings.text(t), fix));
        } else {
            String cv = ModulePath.canonicalVersion(ByteStrings.text(t));
            if (cv.isEmpty()) {
                throw new Failure(verb, path, invalidVersion(t, "must be of the form v1.2.3"));
            }
            t = cv;
        }
        // As in x/mod, the token becomes the bare version, without auto-quoting.
        args.set(i, t);
        return t;
    }

    private static String callFixer(String verb, String path, String version, VersionFixer fix) {
        try {
            return fix.fix(path, version);
        } catch (InvalidVersionException e) {
            InvalidVersionException bare = new InvalidVersionException("", e.version(), e.pseudo(), e.reason());
            throw new Failure(verb, path, bare.getMessage());
        } catch (GoModFile.ModuleError e) {
            throw new Failure(verb, path, e.getMessage());
        } catch (RuntimeException e) {
            throw failure(String.valueOf(e.getMessage()));
        }
    }

    private static String invalidVersion(String rawVersion, String reason) {
        return "version " + ByteStrings.text(ByteStrings.quote(rawVersion)) + " invalid: " + reason;
    }

    private static String pathMajor(String path) {
        return ModulePath.splitPathVersion(path)
                .map(ModulePath.PathMajor::pathMajor)
                .orElseThrow(() -> failure("invalid module path"));
    }

    private static void checkPathMajor(String verb, String path, String version, String pathMajor) {
        try {
            ModulePath.checkPathMajor(version, pathMajor);
        } catch (InvalidVersionException e) {
            throw new Failure(verb, path, e.getMessage());
        }
    }

    /**
     * Returns the text of the comments on a directive, one trimmed line per comment without {@code
     * //}; a line in a block without comments of its own uses the block's.
     */
    private static String directiveComment(LineBlock block, Line line) {
        Comments comments = line.comments;
        if (block != null && comments.before.isEmpty() && comments.suffix.isEmpty()) {
            comments = block.comments;
        }
        List<String> lines = new ArrayList<>();
        for (List<Comment> group : List.of(comments.before, comments.suffix)) {
            for (Comment c : group) {
                if (c.token().startsWith("//")) { // skip blank-line markers
                    lines.add(ByteStrings.trimSpace(c.token().substring(2)));
                }
            }
        }
        return String.join("\n", lines);
    }

    /** Reports whether byte string {@code s} must be quoted to be one token (x/mod's MustQuote). */
    static boolean mustQuoteRaw(String s) {
        // Printable ASCII, what module paths and versions are made of, decided here without decoding runes.
        int n = s.length();
        int ascii = 0;
        for (; ascii < n; ascii++) {
            char c = s.charAt(ascii);
            if (c <= ' ' || c >= 0x7f) {
                break; // a space, a control character or a non-ASCII byte: the rune loop below decides
            }
            switch (c) {
                case '"', '\'', '`' -> {
                    return true;
                }
                case '(', ')', '[', ']', '{', '}', ',' -> {
                    if (n > 1) {
                        return true;
                    }
                }
                default -> {}
            }
        }
        if (ascii == n) {
            return n == 0 || s.contains("//") || s.contains("/*");
        }
        for (int i = 0; i < s.length(); ) {
            long d = GoStrings.decodeRune(s, i);
            int r = GoStrings.rune(d);
            switch (r) {
                case ' ', '"', '\'', '`' -> {
                    return true;
                }
                case '(', ')', '[', ']', '{', '}', ',' -> {
                    if (s.length() > 1) {
                        return true;
                    }
                }
                default -> {
                    if (!GoStrings.isPrint(r)) {
                        return true;
                    }
                }
            }
            i += GoStrings.width(d);
        }
        return s.isEmpty() || s.contains("//") || s.contains("/*");
    }

    /** Returns byte string {@code s}, quoted if it must be. */
    static String autoQuote(String s) {
        return mustQuoteRaw(s) ? ByteStrings.quote(s) : s;
    }

    /** Returns the module path of go.mod bytes, tolerating any other problem (x/mod's ModulePath). */
    static String modulePath(byte[] data) {
        String mod = ByteStrings.of(data, 0, data.length);
        while (!mod.isEmpty()) {
            String line = mod;
            mod = "";
            int nl = line.indexOf('\n');
            if (nl >= 0) {
                mod = line.substring(nl + 1);
                line = line.substring(0, nl);
            }
            int slashes = line.indexOf("//");
            if (slashes >= 0) {
                line = line.substring(0, slashes);
            }
            line = ByteStrings.trimSpace(line);
            if (!line.startsWith("module")) {
                continue;
            }
            line = line.substring("module".length());
            int n = line.length();
            line = ByteStrings.trimSpace(line);
            if (line.length() == n || line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '"' || line.charAt(0) == '`') {
                String p = ByteStrings.unquote(line);
                return p == null ? "" : ByteStrings.text(p); // malformed quoted string
            }
            return ByteStrings.text(line);
        }
        return "";
    }
}
