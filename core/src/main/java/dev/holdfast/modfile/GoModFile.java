package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.CommentBlock;
import dev.holdfast.modfile.GoModSyntax.FileSyntax;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A parsed go.mod file: the directives it declares, kept in step with a comment-preserving syntax
 * tree so that edits change only what they must and {@link #format()} writes what the go command
 * would (x/mod's {@code modfile.File}).
 *
 * <p>Edits mark removed lines and leave them in place, as x/mod does; call {@link #cleanup()} after
 * a series of edits (the accessors already skip removed entries). Not thread-safe: this is the one
 * deliberately mutable document of Holdfast.
 */
public final class GoModFile {
    /**
     * Turns a version as written in a go.mod file into a canonical one, or rejects it (x/mod's {@code
     * VersionFixer}).
     *
     * <p>To reject a version, throw: an {@link InvalidVersionException} is reported as {@code verb
     * path: version "V" invalid: reason} and a {@link ModuleError} as {@code verb path: message} (both
     * are the go command's {@code module.ModuleError}, whose module the directive names); any other
     * unchecked exception is reported with its message alone.
     */
    @FunctionalInterface
    public interface VersionFixer {
        /** Returns the version to use for {@code version} of module {@code path}. */
        String fix(String path, String version);
    }

    /**
     * A {@link VersionFixer}'s failure that x/mod carries as a {@code module.ModuleError} (a module's
     * version list or file could not be read): reported as {@code verb path: message}.
     */
    public static final class ModuleError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Returns the failure with {@code message}, which does not name the module. */
        public ModuleError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The module directive: the module's path and its deprecation message ("" if none). */
    public record Module(String path, String deprecated) {}

    /** One {@code godebug key=value} setting. */
    public record Godebug(String key, String value) {}

    /** One requirement; {@code indirect} reports a {@code // indirect} comment. */
    public record Require(String path, String version, boolean indirect) {
        /** Returns the required module version. */
        public ModuleVersion module() {
            return new ModuleVersion(path, version);
        }
    }

    /** One excluded module version. */
    public record Exclude(String path, String version) {}

    /** One replacement; an empty old version replaces all versions, an empty new one means a directory. */
    public record Replace(String oldPath, String oldVersion, String newPath, String newVersion) {}

    /** One retraction of the closed interval {@code [low, high]}, with the comment text as rationale. */
    public record Retract(String low, String high, String rationale) {}

    /** A semantic value and the line that declares it; {@code value == null} once the line is dropped. */
    static final class Entry<T> {
        T value;
        Line syntax;

        Entry(T value, Line syntax) {
            this.value = value;
            this.syntax = syntax;
        }

        void drop() {
            syntax.markRemoved();
            value = null;
        }
    }

    /** The {@code go} directive's version syntax (x/mod's {@code GoVersionRE}). */
    static final Pattern GO_VERSION =
            Pattern.compile("([1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?");

    final FileSyntax syntax;
    Entry<Module> module;
    Entry<String> go;
    Entry<String> toolchain;
    final List<Entry<Godebug>> godebugs = new ArrayList<>();
    final List<Entry<Require>> requires = new ArrayList<>();
    final List<Entry<Exclude>> excludes = new ArrayList<>();
    final List<Entry<Replace>> replaces = new ArrayList<>();
    final List<Entry<Retract>> retracts = new ArrayList<>();
    final List<Entry<String>> tools = new ArrayList<>();
    final List<Entry<String>> ignores = new ArrayList<>();
    /** A go.work file's use directives ({@link GoWorkFile}); always empty in a go.mod file. */
    final List<Entry<String>> uses = new ArrayList<>();

    GoModFile(FileSyntax syntax) {
        this.syntax = syntax;
    }

    /**
     * The largest go.mod Holdfast reads: 16 MiB, the limit the go command puts on a go.mod in a module
     * zip and from version control (x/mod zip.MaxGoMod, codehost.MaxGoMod).
     */
    public static final int MAX_BYTES = 16 << 20;

    /**
     * Reads a go.mod file for parsing, refusing one larger than {@link #MAX_BYTES} before reading it:
     * its size is checked first, and the read stops one byte past the limit in case the file grows.
     *
     * @throws GoModSyntaxException when the file is too large
     */
    public static byte[] read(Path file) throws IOException {
        long size = Files.size(file);
        if (size <= MAX_BYTES) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] data = in.readNBytes(MAX_BYTES + 1);
                if (data.length <= MAX_BYTES) {
                    return data;
                }
                size = data.length;
            }
        }
        throw new GoModSyntaxException(List.of(new GoModSyntaxException.Problem(
                file.toString(),
                0,
                0,
                "",
                "",
                "go.mod file too large (" + size + " bytes; limit is " + MAX_BYTES + " bytes)")));
    }

    /**
     * Parses a main module's go.mod file ({@code Parse}): every directive must be known and valid.
     *
     * @param file the name used in error messages
     * @param data the file's bytes
     * @param fix canonicalizes versions, or null to require canonical versions
     * @throws GoModSyntaxException listing every problem found
     */
    public static GoModFile parse(String file, byte[] data, VersionFixer fix) {
        return GoModDirectives.interpret(GoModReader.parse(file, data), fix, true);
    }

    /**
     * Parses a dependency's go.mod file ({@code ParseLax}): only module, go, require, retract and
     * ignore directives are read, unknown or main-module-only ones are skipped, and a go version
     * like {@code 1.21.x} is cut to {@code 1.21}.
     *
     * @throws GoModSyntaxException listing every problem found
     */
    public static GoModFile parseLax(String file, byte[] data, VersionFixer fix) {
        return GoModDirectives.interpret(GoModReader.parse(file, data), fix, false);
    }

    /**
     * Returns the file in the go command's standard format. Like x/mod's Format, this neither sorts
     * blocks nor cleans up: {@code go mod edit -fmt} is {@link #sortBlocks()}, {@link #cleanup()},
     * then this.
     */
    public byte[] format() {
        return GoModPrinter.format(syntax);
    }

    /** Returns the module directive, if any. */
    public Optional<Module> module() {
        return Optional.ofNullable(module).map(e -> e.value);
    }

    /** Returns the go directive's version, such as {@code 1.23.0}, if any. */
    public Optional<String> go() {
        return Optional.ofNullable(go).map(e -> e.value);
    }

    /** Returns the toolchain directive's name, such as {@code go1.23.4}, if any. */
    public Optional<String> toolchain() {
        return Optional.ofNullable(toolchain).map(e -> e.value);
    }

    /** Returns the godebug settings in file order. */
    public List<Godebug> godebugs() {
        return live(godebugs);
    }

    /** Returns the requirements in file order, duplicates included. */
    public List<Require> requires() {
        return live(requires);
    }

    /** Returns the exclusions in file order. */
    public List<Exclude> excludes() {
        return live(excludes);
    }

    /** Returns the replacements in file order. */
    public List<Replace> replaces() {
        return live(replaces);
    }

    /** Returns the retractions read from the file, in file order. */
    public List<Retract> retracts() {
        return live(retracts);
    }

    /** Returns the tool package paths in file order. */
    public List<String> tools() {
        return live(tools);
    }

    /** Returns the ignored directory paths in file order. */
    public List<String> ignores() {
        return live(ignores);
    }

    static <T> List<T> live(List<Entry<T>> entries) {
        return entries.stream().map(e -> e.value).filter(v -> v != null).toList();
    }

    /** Sets the module path, adding a module directive if there is none. */
    public void addModuleStmt(String path) {
        List<String> tokens = List.of("module", autoQuoteRaw(path));
        if (module == null) {
            module = new Entry<>(new Module(path, ""), syntax.addLine(null, tokens));
        } else {
            module.value = new Module(path, module.value.deprecated());
            FileSyntax.updateLine(module.syntax, tokens);
        }
    }

    /**
     * Sets the go version, adding a go directive after the module directive if there is none.
     *
     * @throws IllegalArgumentException if {@code version} is not a valid go version
     */
    public void addGoStmt(String version) {
        if (!GO_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("invalid language version " + quote(version));
        }
        if (go == null) {
            Line hint = module == null ? null : module.syntax;
            go = new Entry<>(version, syntax.addLine(hint, List.of("go", version)));
        } else {
            go.value = version;
            FileSyntax.updateLine(go.syntax, List.of("go", version));
        }
    }

    /** Removes the go directive. */
    public void dropGoStmt() {
        if (go != null) {
            go.syntax.markRemoved();
            go = null;
        }
    }

    /**
     * Sets the toolchain, adding a toolchain directive after the go (or module) directive if needed.
     *
     * @throws IllegalArgumentException if {@code name} is not {@code default} or {@code go1...}
     */
    public void addToolchainStmt(String name) {
        if (!isToolchain(name)) {
            throw new IllegalArgumentException("invalid toolchain name " + quote(name));
        }
        if (toolchain == null) {
            Line hint = go != null ? go.syntax : module != null ? module.syntax : null;
            toolchain = new Entry<>(name, syntax.addLine(hint, List.of("toolchain", ByteStrings.raw(name))));
        } else {
            toolchain.value = name;
            FileSyntax.updateLine(toolchain.syntax, List.of("toolchain", ByteStrings.raw(name)));
        }
    }

    /** Reports whether {@code name} is a toolchain name (x/mod's {@code ToolchainRE}). */
    static boolean isToolchain(String name) {
        return name.equals("default") || name.equals("go1") || name.startsWith("go1.");
    }

    /** Removes the toolchain directive. */
    public void dropToolchainStmt() {
        if (toolchain != null) {
            toolchain.syntax.markRemoved();
            toolchain = null;
        }
    }

    /**
     * Sets {@code key} to {@code value} on the first godebug line for key, removing the others, or
     * adds a line at the end of the last godebug block.
     */
    public void addGodebug(String key, String value) {
        List<String> tokens = List.of("godebug", ByteStrings.raw(key + "=" + value));
        boolean need = true;
        for (Entry<Godebug> g : godebugs) {
            if (g.value != null && g.value.key().equals(key)) {
                if (need) {
                    g.value = new Godebug(key, value);
                    FileSyntax.updateLine(g.syntax, tokens);
                    need = false;
                } else {
                    g.drop();
                }
            }
        }
        if (need) {
            godebugs.add(new Entry<>(new Godebug(key, value), syntax.addLine(null, tokens)));
        }
    }

    /** Removes every godebug line for {@code key}. */
    public void dropGodebug(String key) {
        dropWhere(godebugs, g -> g.key().equals(key));
    }

    /**
     * Sets the first requirement on {@code path} to {@code version}, keeping its comments and
     * removing other requirements on path, or adds a requirement at the end of the last require
     * block.
     */
    public void addRequire(String path, String version) {
        boolean need = true;
        for (Entry<Require> r : requires) {
            if (r.value != null && r.value.path().equals(path)) {
                if (need) {
                    r.value = new Require(path, version, r.value.indirect());
                    FileSyntax.updateLine(r.syntax, List.of("require", autoQuoteRaw(path), ByteStrings.raw(version)));
                    need = false;
                } else {
                    r.drop();
                }
            }
        }
        if (need) {
            addNewRequire(path, version, false);
        }
    }

    /** Adds a requirement at the end of the last require block, whatever is already required. */
    public void addNewRequire(String path, String version, boolean indirect) {
        Line line = syntax.addLine(null, List.of("require", autoQuoteRaw(path), ByteStrings.raw(version)));
        Entry<Require> r = new Entry<>(new Require(path, version, false), line);
        GoModEdits.setIndirect(r, indirect);
        requires.add(r);
    }

    /**
     * Makes the requirements exactly {@code reqs}: the first existing line for each path keeps its
     * place and comments and gets the new version and indirect marking, other lines are removed,
     * and new paths go to the last require block; then sorts the blocks.
     *
     * @throws IllegalArgumentException if {@code reqs} has two versions for one path
     */
    public void setRequire(List<Require> reqs) {
        GoModEdits.setRequire(this, reqs);
    }

    /**
     * Like {@link #setRequire}, but keeps direct and indirect requirements in two separate blocks
     * (the layout of go 1.17 and later), moving requirements between those blocks when their
     * indirect marking changes and splitting a single uncommented block in two.
     */
    public void setRequireSeparateIndirect(List<Require> reqs) {
        GoModEdits.setRequireSeparateIndirect(this, reqs);
    }

    /** Adds or removes the {@code // indirect} marking of every requirement on {@code path}. */
    public void setIndirect(String path, boolean indirect) {
        for (Entry<Require> r : requires) {
            if (r.value != null && r.value.path().equals(path)) {
                GoModEdits.setIndirect(r, indirect);
            }
        }
    }

    /** Removes every requirement on {@code path}. */
    public void dropRequire(String path) {
        dropWhere(requires, r -> r.path().equals(path));
    }

    /**
     * Excludes {@code path@version}, next to other exclusions of path if there are any, else at the
     * end of the file.
     *
     * @throws InvalidVersionException if {@code version} is not canonical or does not fit path's
     *     major version
     */
    public void addExclude(String path, String version) {
        GoModEdits.addExclude(this, path, version);
    }

    /** Removes the exclusion of {@code path@version}. */
    public void dropExclude(String path, String version) {
        dropWhere(excludes, x -> x.equals(new Exclude(path, version)));
    }

    /**
     * Replaces {@code oldPath} (at {@code oldVersion}, or all versions if empty) with {@code
     * newPath} at {@code newVersion} (empty for a directory): updates the first matching
     * replacement and removes the other matches, or adds one.
     */
    public void addReplace(String oldPath, String oldVersion, String newPath, String newVersion) {
        GoModEdits.addReplace(this, oldPath, oldVersion, newPath, newVersion);
    }

    /** Removes the replacement of exactly {@code oldPath} at {@code oldVersion} ("" for all versions). */
    public void dropReplace(String oldPath, String oldVersion) {
        dropWhere(replaces, r -> r.oldPath().equals(oldPath) && r.oldVersion().equals(oldVersion));
    }

    /**
     * Adds a retract directive for {@code [low, high]} (a single version if equal), with each line of
     * {@code rationale} as a comment above it.
     *
     * <p>As in x/mod, the new retraction is added to the syntax only: {@link #retracts()} and {@link
     * #dropRetract} see it once the formatted file is parsed again.
     *
     * @throws InvalidVersionException if a bound is not canonical or does not fit the module's major
     *     version
     */
    public void addRetract(String low, String high, String rationale) {
        GoModEdits.addRetract(this, low, high, rationale);
    }

    /** Removes the retractions of exactly {@code [low, high]}. */
    public void dropRetract(String low, String high) {
        dropWhere(retracts, r -> r.low().equals(low) && r.high().equals(high));
    }

    /** Adds a tool directive for {@code path} unless there is one, then sorts the blocks. */
    public void addTool(String path) {
        addPathDirective(tools, "tool", path);
    }

    /** Removes the tool directives for {@code path}. */
    public void dropTool(String path) {
        dropWhere(tools, path::equals);
    }

    /** Adds an ignore directive for {@code path} unless there is one, then sorts the blocks. */
    public void addIgnore(String path) {
        addPathDirective(ignores, "ignore", path);
    }

    /** Removes the ignore directives for {@code path}. */
    public void dropIgnore(String path) {
        dropWhere(ignores, path::equals);
    }

    private void addPathDirective(List<Entry<String>> entries, String verb, String path) {
        if (entries.stream().anyMatch(e -> path.equals(e.value))) {
            return;
        }
        // Unlike other directives, x/mod does not quote these paths.
        entries.add(new Entry<>(path, syntax.addLine(null, List.of(verb, ByteStrings.raw(path)))));
        sortBlocks();
    }

    /** Adds a block of one comment line, {@code text} (which should start with {@code //}), at the end. */
    public void addComment(String text) {
        CommentBlock block = new CommentBlock(GoModSyntax.Position.ZERO);
        block.comments.before.add(Comment.of(ByteStrings.raw(text)));
        syntax.stmts.add(block);
    }

    private static <T> void dropWhere(List<Entry<T>> entries, Predicate<T> matches) {
        for (Entry<T> e : entries) {
            if (e.value != null && matches.test(e.value)) {
                e.drop();
            }
        }
    }

    /**
     * Removes duplicate exclude, replace (the last one wins), tool and ignore lines, then sorts the
     * lines of every block: retract blocks newest first, exclude blocks by path and semantic
     * version (go 1.21 and later), others by their tokens.
     */
    public void sortBlocks() {
        GoModSort.sortBlocks(this);
    }

    /** Drops the entries and lines that edits removed, and blocks left empty or with one line. */
    public void cleanup() {
        for (List<? extends Entry<?>> list :
                List.of(godebugs, requires, excludes, replaces, retracts, tools, ignores)) {
            list.removeIf(e -> e.value == null);
        }
        syntax.cleanup();
    }

    /** Returns the go.mod file's module path, tolerating other problems; "" if there is none. */
    public static String modulePath(byte[] data) {
        return GoModDirectives.modulePath(data);
    }

    /**
     * Reports whether a replacement target is a directory rather than a module path: {@code .},
     * {@code ..}, a path starting with {@code ./}, {@code ../}, {@code /} (or the backslash forms), or
     * a drive letter.
     */
    public static boolean isDirectoryPath(String path) {
        return path.equals(".")
                || path.startsWith("./")
                || path.startsWith(".\\")
                || path.equals("..")
                || path.startsWith("../")
                || path.startsWith("..\\")
                || path.startsWith("/")
                || path.startsWith("\\")
                || (path.length() >= 2 && isAsciiLetter(path.charAt(0)) && path.charAt(1) == ':');
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Reports whether {@code s} must be quoted to be one token in a go.mod line. */
    public static boolean mustQuote(String s) {
        return GoModDirectives.mustQuoteRaw(ByteStrings.raw(s));
    }

    /** Returns {@code s}, or its Go-quoted form if {@link #mustQuote} says so. */
    public static String autoQuote(String s) {
        return ByteStrings.text(autoQuoteRaw(s));
    }

    static String autoQuoteRaw(String text) {
        return GoModDirectives.autoQuote(ByteStrings.raw(text));
    }

    private static String quote(String text) {
        return ByteStrings.text(ByteStrings.quote(ByteStrings.raw(text)));
    }
}
