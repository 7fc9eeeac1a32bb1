package dev.holdfast.modfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A go.work file (x/mod's {@code WorkFile}): the go and toolchain lines, godebug settings, the module
 * directories it uses and its replacements. It shares go.mod's syntax, so it is read by the same
 * parser with go.work's own set of directives, and problems are reported in x/mod's words.
 */
public final class GoWorkFile {

    private final GoModFile file;

    private GoWorkFile(GoModFile file) {
        this.file = file;
    }

    /**
     * Reads a go.work file, refusing one larger than {@link GoModFile#MAX_BYTES} as a go.mod would be.
     *
     * @throws GoModSyntaxException when the file is too large
     */
    public static byte[] read(Path file) throws IOException {
        return GoModFile.read(file);
    }

    /**
     * Parses a go.work file ({@code ParseWork}): every directive must be go, toolchain, godebug, use or
     * replace, and valid.
     *
     * @param name the name used in error messages
     * @param data the file's bytes
     * @throws GoModSyntaxException listing every problem found
     */
    public static GoWorkFile parse(String name, byte[] data) {
        return new GoWorkFile(GoModDirectives.interpretWork(GoModReader.parse(name, data)));
    }

    /** Returns the go directive's version, if any. */
    public Optional<String> go() {
        return file.go();
    }

    /** Returns the toolchain directive's name, if any. */
    public Optional<String> toolchain() {
        return file.toolchain();
    }

    /** Returns the godebug settings in file order. */
    public List<GoModFile.Godebug> godebugs() {
        return file.godebugs();
    }

    /** Returns the directories of the use directives, as written, in file order. */
    public List<String> uses() {
        return GoModFile.live(file.uses);
    }

    /**
     * Returns the line of the {@code i}th use directive (counting from 0), for messages such as "path
     * appears multiple times in workspace".
     */
    public int useLine(int i) {
        return file.uses.get(i).syntax.start.line();
    }

    /** Returns the replacements in file order; relative directory paths are relative to the go.work. */
    public List<GoModFile.Replace> replaces() {
        return file.replaces();
    }

    /**
     * Sets the go version (x/mod's {@code WorkFile.AddGoStmt}): a new go line goes before the first
     * statement that is not a comment, keeping comments at the top.
     *
     * @throws IllegalArgumentException if {@code version} is not a valid go version
     */
    public void addGoStmt(String version) {
        if (file.go != null) {
            file.addGoStmt(version);
            return;
        }
        if (!GoModFile.GO_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("invalid language version \"" + version + "\"");
        }
        GoModSyntax.Line stmt = new GoModSyntax.Line(List.of("go", version), false);
        List<GoModSyntax.Expr> stmts = file.syntax.stmts;
        int i = 0;
        while (i < stmts.size() && stmts.get(i) instanceof GoModSyntax.CommentBlock) {
            i++;
        }
        stmts.add(i, stmt);
        file.go = new GoModFile.Entry<>(version, stmt);
    }

    /** Removes the toolchain line. */
    public void dropToolchainStmt() {
        file.dropToolchainStmt();
    }

    /** Returns the file as the go command writes it (modload.WriteWorkFile): blocks sorted, cleaned up, formatted. */
    public byte[] format() {
        file.sortBlocks();
        file.cleanup();
        return file.format();
    }
}
