package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.CommentBlock;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.FileSyntax;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import dev.holdfast.modfile.GoModSyntax.Paren;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats a syntax tree in the go command's standard style, byte for byte as x/mod's print.go.
 *
 * <p>Top-level statements are separated by one blank line, block lines are indented by one tab,
 * tokens are separated by single spaces except inside brackets and before commas, and end-of-line
 * comments are written when the line ends.
 */
final class GoModPrinter {
    /** The output, a byte string. */
    private final StringBuilder out = new StringBuilder();
    /** End-of-line comments waiting for the end of the current line. */
    private final List<Comment> pending = new ArrayList<>();
    /** The left margin, in tabs. */
    private int margin;

    private GoModPrinter() {}

    /** Returns the formatted bytes of {@code file}. */
    static byte[] format(FileSyntax file) {
        GoModPrinter p = new GoModPrinter();
        p.file(file);
        StringBuilder b = p.out;
        // Drop trailing blank lines: end with exactly one newline (or none if empty).
        while (!b.isEmpty()
                && b.charAt(b.length() - 1) == '\n'
                && (b.length() == 1 || b.charAt(b.length() - 2) == '\n')) {
            b.setLength(b.length() - 1);
        }
        return ByteStrings.bytes(b.toString());
    }

    /** Ends the current line, writing any pending end-of-line comments first. */
    private void newline() {
        if (!pending.isEmpty()) {
            out.append(' ');
            for (int i = 0; i < pending.size(); i++) {
                if (i > 0) {
                    trim();
                    out.append('\n');
                    indent();
                }
                out.append(ByteStrings.trimSpace(pending.get(i).token()));
            }
            pending.clear();
        }
        trim();
        int n = out.length();
        // No blank line at the top of the file or right after a blank line.
        if (n != 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
            out.append('\n');
        }
        indent();
    }

    private void indent() {
        out.repeat('\t', margin);
    }

    /** Removes trailing spaces and tabs from the current line. */
    private void trim() {
        int n = out.length();
        while (n > 0 && (out.charAt(n - 1) == '\t' || out.charAt(n - 1) == ' ')) {
            n--;
        }
        out.setLength(n);
    }

    /** Returns the number of bytes on the current line. */
    private int column() {
        return out.length() - 1 - out.lastIndexOf("\n");
    }

    private void file(FileSyntax f) {
        for (Comment c : f.comments.before) {
            out.append(ByteStrings.trimSpace(c.token()));
            newline();
        }
        for (int i = 0; i < f.stmts.size(); i++) {
            Expr stmt = f.stmts.get(i);
            expr(stmt);
            if (!(stmt instanceof CommentBlock)) {
                newline();
            }
            for (Comment c : stmt.comments.after) {
                out.append(ByteStrings.trimSpace(c.token()));
                newline();
            }
            if (i + 1 < f.stmts.size()) {
                newline();
            }
        }
    }

    private void expr(Expr x) {
        List<Comment> before = x.comments.before;
        if (!before.isEmpty()) {
            // Whole-line comments go at the margin, on a line of their own.
            trim();
            if (column() > 0) {
                out.append('\n');
            }
            indent();
            for (Comment c : before) {
                out.append(ByteStrings.trimSpace(c.token()));
                newline();
            }
        }
        switch (x) {
            case CommentBlock cb -> {}
            case Paren paren -> out.append(paren.symbol);
            case Line l -> tokens(l.token == null ? List.of() : l.token);
            case LineBlock b -> {
                tokens(b.token);
                out.append(' ');
                expr(b.lParen);
                margin++;
                for (Line l : b.lines) {
                    newline();
                    expr(l);
                }
                margin--;
                newline();
                expr(b.rParen);
            }
            case FileSyntax f -> throw new IllegalStateException("printer: unexpected file");
        }
        pending.addAll(x.comments.suffix);
    }

    private void tokens(List<String> tokens) {
        String sep = "";
        for (String t : tokens) {
            if (t.equals(",") || t.equals(")") || t.equals("]") || t.equals("}")) {
                sep = "";
            }
            out.append(sep).append(t);
            sep = " ";
            if (t.equals("(") || t.equals("[") || t.equals("{")) {
                sep = "";
            }
        }
    }
}
