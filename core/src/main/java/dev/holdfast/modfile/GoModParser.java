package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModLexer.Token;
import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.CommentBlock;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.FileSyntax;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import dev.holdfast.modfile.GoModSyntax.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the syntax tree of a go.mod file and attaches comments to it, as x/mod's read.go does.
 *
 * <p>The grammar is line based: a file is blank lines, whole-line comments and statements; a
 * statement whose line ends in {@code (} opens a block of lines closed by a {@code )} line.
 */
final class GoModParser {
    private final String filename;
    private final GoModLexer in;
    private final FileSyntax file;

    private GoModParser(String filename, byte[] data) {
        this.filename = filename;
        this.in = new GoModLexer(filename, data);
        this.file = new FileSyntax(filename);
    }

    /** Parses {@code data} into a syntax tree; throws {@link GoModSyntaxException} on the first error. */
    static FileSyntax parse(String filename, byte[] data) {
        GoModParser p = new GoModParser(filename, data);
        p.parseFile();
        p.assignComments();
        return p.file;
    }

    private void parseFile() {
        CommentBlock cb = null;
        while (true) {
            switch (in.peek()) {
                case '\n' -> {
                    in.lex();
                    if (cb != null) {
                        file.stmts.add(cb);
                        cb = null;
                    }
                }
                case GoModLexer.COMMENT -> {
                    Token tok = in.lex();
                    if (cb == null) {
                        cb = new CommentBlock(tok.pos());
                    }
                    cb.comments.before.add(new Comment(tok.pos(), tok.text(), false));
                }
                case GoModLexer.EOF -> {
                    if (cb != null) {
                        file.stmts.add(cb);
                    }
                    return;
                }
                default -> {
                    parseStmt();
                    if (cb != null) {
                        file.stmts.getLast().comments().before = cb.comments.before;
                        cb = null;
                    }
                }
            }
        }
    }

    private void parseStmt() {
        Token first = in.lex();
        Position start = first.pos();
        Position end = first.endPos();
        List<String> tokens = new ArrayList<>(List.of(first.text()));
        while (true) {
            Token tok = in.lex();
            if (tok.isEol()) {
                file.stmts.add(line(start, tokens, end, false));
                return;
            }
            if (tok.kind() == '(') {
                int next = in.peek();
                if (isEol(next)) {
                    file.stmts.add(parseLineBlock(start, tokens, tok));
                    return;
                }
                if (next == ')') {
                    Token rparen = in.lex();
                    if (isEol(in.peek())) {
                        in.lex();
                        LineBlock empty = new LineBlock(tokens);
                        empty.start = start;
                        empty.lParen.pos = tok.pos();
                        empty.rParen.pos = rparen.pos();
                        file.stmts.add(empty);
                        return;
                    }
                    // "( )" in the middle of the line: ordinary tokens, which do not move the end.
                    tokens.add(tok.text());
                    tokens.add(rparen.text());
                } else {
                    tokens.add(tok.text());
                }
                continue;
            }
            tokens.add(tok.text());
            end = tok.endPos();
        }
    }

    private static boolean isEol(int kind) {
        return kind == GoModLexer.EOF || kind == GoModLexer.EOL_COMMENT || kind == '\n';
    }

    private static Line line(Position start, List<String> tokens, Position end, boolean inBlock) {
        Line l = new Line(tokens, inBlock);
        l.start = start;
        l.end = end;
        return l;
    }

    private LineBlock parseLineBlock(Position start, List<String> tokens, Token lparen) {
        LineBlock x = new LineBlock(tokens);
        x.start = start;
        x.lParen.pos = lparen.pos();
        List<Comment> comments = new ArrayList<>();
        while (true) {
            switch (in.peek()) {
                case GoModLexer.EOL_COMMENT -> in.lex(); // attached later by assignComments
                case '\n' -> {
                    in.lex();
                    // Keep one blank line (as an empty comment) between lines, none at the start.
                    if (comments.isEmpty() && !x.lines.isEmpty()
                            || !comments.isEmpty()
                                    && !comments.getLast().token().isEmpty()) {
                        comments.add(Comment.BLANK);
                    }
                }
                case GoModLexer.COMMENT -> {
                    Token tok = in.lex();
                    comments.add(new Comment(tok.pos(), tok.text(), false));
                }
                case GoModLexer.EOF ->
                    in.error("syntax error (unterminated block started at %s:%d:%d)"
                            .formatted(filename, x.start.line(), x.start.lineRune()));
                case ')' -> {
                    Token rparen = in.lex();
                    // A lone blank line before ")" is not kept.
                    if (comments.size() == 1 && comments.getFirst().equals(Comment.BLANK)) {
                        comments = new ArrayList<>();
                    }
                    x.rParen.comments.before = comments;
                    x.rParen.pos = rparen.pos();
                    if (!isEol(in.peek())) {
                        in.error("syntax error (expected newline after closing paren)");
                    }
                    in.lex();
                    return x;
                }
                default -> {
                    Line l = parseLine();
                    x.lines.add(l);
                    l.comments.before = comments;
                    comments = new ArrayList<>();
                }
            }
        }
    }

    private Line parseLine() {
        Token first = in.lex();
        if (first.isEol()) {
            in.error("internal parse error: parseLine at end of line");
        }
        Position end = first.endPos();
        List<String> tokens = new ArrayList<>(List.of(first.text()));
        while (true) {
            Token tok = in.lex();
            if (tok.isEol()) {
                return line(first.pos(), tokens, end, true);
            }
            tokens.add(tok.text());
            end = tok.endPos();
        }
    }

    /**
     * Gives each end-of-line comment to the last expression that ends before it on its line.
     *
     * <p>Whole-line comments never reach here: the parser attached them already. (x/mod also runs a
     * pass that gives leftover whole-line comments to the following expression; the lexer never
     * feeds it any, so it is omitted.)
     */
    private void assignComments() {
        List<Expr> post = new ArrayList<>();
        order(file, post);
        List<Comment> suffix = new ArrayList<>(in.suffixComments);
        for (int i = post.size() - 1; i >= 0; i--) {
            Expr x = post.get(i);
            // Not the whole file, and nothing spanning lines (so a block never takes a comment).
            if (x instanceof FileSyntax || x.start().line() != x.end().line()) {
                continue;
            }
            int end = x.end().byteOffset();
            while (!suffix.isEmpty() && end <= suffix.getLast().start().byteOffset()) {
                x.comments().suffix.add(suffix.removeLast());
            }
        }
        for (Expr x : post) {
            Collections.reverse(x.comments().suffix);
        }
        file.comments.before.addAll(suffix);
    }

    /** Lists {@code x} and its sub-expressions in postorder: children first, ordered by end. */
    private static void order(Expr x, List<Expr> post) {
        switch (x) {
            case FileSyntax f -> f.stmts.forEach(s -> order(s, post));
            case LineBlock b -> {
                post.add(b.lParen);
                post.addAll(b.lines);
                post.add(b.rParen);
            }
            default -> {}
        }
        post.add(x);
    }
}
