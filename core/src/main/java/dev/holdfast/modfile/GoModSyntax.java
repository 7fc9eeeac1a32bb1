package dev.holdfast.modfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The comment-preserving syntax tree of a go.mod file, as in x/mod's read.go.
 *
 * <p>All token and comment strings are byte strings (see {@link ByteStrings}). Nodes are mutable and
 * compared by identity, like the pointers of the Go tree they mirror.
 */
final class GoModSyntax {
    private GoModSyntax() {}

    /** A source position: 1-based line, 1-based rune column, 0-based byte offset. */
    record Position(int line, int lineRune, int byteOffset) {
        static final Position ZERO = new Position(0, 0, 0);

        /** Returns the position just after byte string {@code s}, assuming it starts here. */
        Position add(String s) {
            int lastNewline = s.lastIndexOf('\n');
            if (lastNewline < 0) {
                return new Position(line, lineRune + ByteStrings.runeCount(s), byteOffset + s.length());
            }
            int newlines = (int) s.chars().filter(c -> c == '\n').count();
            return new Position(
                    line + newlines, 1 + ByteStrings.runeCount(s.substring(lastNewline + 1)), byteOffset + s.length());
        }
    }

    /** One {@code //} comment; {@code token} excludes the newline. A blank-line marker is {@link #BLANK}. */
    record Comment(Position start, String token, boolean suffix) {
        /** The empty comment a block keeps in place of a blank line. */
        static final Comment BLANK = new Comment(Position.ZERO, "", false);

        static Comment of(String token) {
            return new Comment(Position.ZERO, token, false);
        }

        Comment withToken(String newToken) {
            return new Comment(start, newToken, suffix);
        }
    }

    /** The comments attached to an expression. */
    static final class Comments {
        /** Whole-line comments before the expression. */
        List<Comment> before = new ArrayList<>();
        /** End-of-line comments after the expression. */
        List<Comment> suffix = new ArrayList<>();
        /** Whole-line comments after a top-level expression. */
        List<Comment> after = new ArrayList<>();
    }

    /** A node of the tree; every node carries its comments, as Go's nodes embed {@code Comments}. */
    abstract static sealed class Expr permits FileSyntax, CommentBlock, Line, LineBlock, Paren {
        final Comments comments = new Comments();

        /** Returns where the expression starts, excluding comments. */
        abstract Position start();

        /** Returns where the expression ends, excluding comments. */
        abstract Position end();
    }

    /** A top-level block of comments separate from any statement. */
    static final class CommentBlock extends Expr {
        final Position start;

        CommentBlock(Position start) {
            this.start = start;
        }

        @Override
        Position start() {
            return start;
        }

        @Override
        Position end() {
            return start;
        }
    }

    /** A single line of tokens; {@code token == null} marks a line removed by an edit. */
    static final class Line extends Expr {
        Position start = Position.ZERO;
        List<String> token;
        boolean inBlock;
        Position end = Position.ZERO;

        Line(List<String> token, boolean inBlock) {
            this.token = new ArrayList<>(token);
            this.inBlock = inBlock;
        }

        /** Marks the line (and its end-of-line comments) for removal by {@link FileSyntax#cleanup}. */
        void markRemoved() {
            token = null;
            comments.suffix = new ArrayList<>();
        }

        @Override
        Position start() {
            return start;
        }

        @Override
        Position end() {
            return end;
        }
    }

    /** A factored block of lines, like {@code require ( ... )}. */
    static final class LineBlock extends Expr {
        Position start = Position.ZERO;
        final Paren lParen = new Paren('(');
        List<String> token;
        List<Line> lines = new ArrayList<>();
        final Paren rParen = new Paren(')');

        LineBlock(List<String> token) {
            this.token = new ArrayList<>(token);
        }

        @Override
        Position start() {
            return start;
        }

        @Override
        Position end() {
            return rParen.pos.add(")");
        }
    }

    /**
     * The opening or closing parenthesis of a block: a place for the opening line's suffix comments
     * and for the whole-line comments before the closing one.
     */
    static final class Paren extends Expr {
        final char symbol;
        Position pos = Position.ZERO;

        Paren(char symbol) {
            this.symbol = symbol;
        }

        @Override
        Position start() {
            return pos;
        }

        @Override
        Position end() {
            return pos.add(")");
        }
    }

    /** A whole go.mod file: its statements and the comments no statement took. */
    static final class FileSyntax extends Expr {
        final String name;
        List<Expr> stmts = new ArrayList<>();

        FileSyntax(String name) {
            this.name = name;
        }

        @Override
        Position start() {
            return stmts.isEmpty() ? Position.ZERO : stmts.getFirst().start();
        }

        @Override
        Position end() {
            return stmts.isEmpty() ? Position.ZERO : stmts.getLast().end();
        }

        /**
         * Adds a line with {@code tokens} and returns it. With a hint whose verb matches, the line
         * joins the hint's block (turning a single hint line into a block); with another hint, it
         * follows the hint's statement; without a hint, the last statement with the same verb serves
         * as hint, else the line goes at the end of the file.
         */
        Line addLine(Expr hint, List<String> tokens) {
            String verb = tokens.getFirst();
            if (hint == null) {
                hint = lastStatementWithVerb(verb);
            }
            if (hint != null) {
                for (int i = 0; i < stmts.size(); i++) {
                    Line added = addNear(i, hint, tokens);
                    if (added != null) {
                        return added;
                    }
                }
            }
            return appendLine(tokens);
        }

        /** Adds a line with {@code tokens} at the end of the file. */
        Line appendLine(List<String> tokens) {
            Line line = new Line(tokens, false);
            stmts.add(line);
            return line;
        }

        private Expr lastStatementWithVerb(String verb) {
            for (Expr stmt : stmts.reversed()) {
                if (stmt instanceof Line l
                        && l.token != null
                        && l.token.getFirst().equals(verb)) {
                    return l;
                }
                if (stmt instanceof LineBlock b && b.token.getFirst().equals(verb)) {
                    return b;
                }
            }
            return null;
        }

        /** Adds the line if statement {@code i} is or contains {@code hint}; otherwise returns null. */
        private Line addNear(int i, Expr hint, List<String> tokens) {
            List<String> rest = tokens.subList(1, tokens.size());
            switch (stmts.get(i)) {
                case Line l
                when l == hint -> {
                    if (l.token == null || !l.token.getFirst().equals(tokens.getFirst())) {
                        return insertAfter(i, tokens);
                    }
                    LineBlock block = new LineBlock(l.token.subList(0, 1));
                    l.token = new ArrayList<>(l.token.subList(1, l.token.size()));
                    l.inBlock = true;
                    block.lines.add(l);
                    stmts.set(i, block);
                    Line added = new Line(rest, true);
                    block.lines.add(added);
                    return added;
                }
                case LineBlock b -> {
                    boolean sameVerb = b.token.getFirst().equals(tokens.getFirst());
                    if (b == hint) {
                        if (!sameVerb) {
                            return insertAfter(i, tokens);
                        }
                        Line added = new Line(rest, true);
                        b.lines.add(added);
                        return added;
                    }
                    int j = b.lines.indexOf(hint);
                    if (j >= 0) {
                        if (!sameVerb) {
                            return insertAfter(i, tokens);
                        }
                        Line added = new Line(rest, true);
                        b.lines.add(j + 1, added);
                        return added;
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }

        private Line insertAfter(int i, List<String> tokens) {
            Line line = new Line(tokens, false);
            stmts.add(i + 1, line);
            return line;
        }

        /** Replaces the tokens of {@code line}, dropping the verb if the line is in a block. */
        static void updateLine(Line line, List<String> tokens) {
            line.token = new ArrayList<>(line.inBlock ? tokens.subList(1, tokens.size()) : tokens);
        }

        /**
         * Drops the lines that edits marked removed, drops blocks left empty and turns blocks left
         * with one line (and no comments before the closing parenthesis) into plain lines.
         */
        void cleanup() {
            List<Expr> kept = new ArrayList<>(stmts.size());
            for (Expr stmt : stmts) {
                switch (stmt) {
                    case Line l when l.token == null -> {}
                    case LineBlock b -> {
                        b.lines.removeIf(l -> l.token == null);
                        if (b.lines.size() == 1 && b.rParen.comments.before.isEmpty()) {
                            kept.add(collapse(b));
                        } else if (!b.lines.isEmpty()) {
                            kept.add(b);
                        }
                    }
                    default -> kept.add(stmt);
                }
            }
            stmts = kept;
        }

        /** Turns a one-line block into that line, keeping the line object (the File refers to it). */
        private static Line collapse(LineBlock b) {
            Line l = b.lines.getFirst();
            l.comments.before = concat(b.comments.before, l.comments.before);
            l.comments.suffix = concat(l.comments.suffix, b.comments.suffix);
            l.comments.after = concat(l.comments.after, b.comments.after);
            l.token = concat(b.token, l.token);
            l.inBlock = false;
            l.start = Position.ZERO;
            l.end = Position.ZERO;
            return l;
        }

        private static <T> List<T> concat(List<T> x, List<T> y) {
            List<T> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
    }
}
