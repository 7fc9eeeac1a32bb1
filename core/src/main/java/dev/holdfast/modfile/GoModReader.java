package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.CommentBlock;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.FileSyntax;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import dev.holdfast.modfile.GoModSyntax.Position;
import dev.holdfast.module.GoStrings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads go.mod bytes into a syntax tree and attaches comments to it, as x/mod's read.go does.
 *
 * <p>The grammar is line based: a file is blank lines, whole-line comments and statements; a
 * statement whose line ends in {@code (} opens a block of lines closed by a {@code )} line.
 */
final class GoModReader {
    private final String filename;
    private final Lexer in;
    private final FileSyntax file;

    private GoModReader(String filename, byte[] data) {
        this.filename = filename;
        this.in = new Lexer(filename, data);
        this.file = new FileSyntax(filename);
    }

    /** Parses {@code data} into a syntax tree; throws {@link GoModSyntaxException} on the first error. */
    static FileSyntax parse(String filename, byte[] data) {
        GoModReader p = new GoModReader(filename, data);
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
                case Lexer.COMMENT -> {
                    Lexer.Token tok = in.lex();
                    if (cb == null) {
                        cb = new CommentBlock(tok.pos());
                    }
                    cb.comments.before.add(new Comment(tok.pos(), tok.text(), false));
                }
                case Lexer.EOF -> {
                    if (cb != null) {
                        file.stmts.add(cb);
                    }
                    return;
                }
                default -> {
                    parseStmt();
                    if (cb != null) {
                        file.stmts.getLast().comments.before = cb.comments.before;
                        cb = null;
                    }
                }
            }
        }
    }

    private void parseStmt() {
        Lexer.Token first = in.lex();
        Position start = first.pos();
        Position end = first.endPos();
        List<String> tokens = new ArrayList<>(List.of(first.text()));
        while (true) {
            Lexer.Token tok = in.lex();
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
                    Lexer.Token rparen = in.lex();
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
        return kind == Lexer.EOF || kind == Lexer.EOL_COMMENT || kind == '\n';
    }

    private static Line line(Position start, List<String> tokens, Position end, boolean inBlock) {
        Line l = new Line(tokens, inBlock);
        l.start = start;
        l.end = end;
        return l;
    }

    private LineBlock parseLineBlock(Position start, List<String> tokens, Lexer.Token lparen) {
        LineBlock x = new LineBlock(tokens);
        x.start = start;
        x.lParen.pos = lparen.pos();
        List<Comment> comments = new ArrayList<>();
        while (true) {
            switch (in.peek()) {
                case Lexer.EOL_COMMENT -> in.lex(); // attached later by assignComments
                case '\n' -> {
                    in.lex();
                    // Keep one blank line (as an empty comment) between lines, none at the start.
                    if (comments.isEmpty() && !x.lines.isEmpty()
                            || !comments.isEmpty()
                                    && !comments.getLast().token().isEmpty()) {
                        comments.add(Comment.BLANK);
                    }
                }
                case Lexer.COMMENT -> {
                    Lexer.Token tok = in.lex();
                    comments.add(new Comment(tok.pos(), tok.text(), false));
                }
                case Lexer.EOF ->
                    in.error("syntax error (unterminated block started at %s:%d:%d)"
                            .formatted(filename, x.start.line(), x.start.lineRune()));
                case ')' -> {
                    Lexer.Token rparen = in.lex();
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
        Lexer.Token first = in.lex();
        if (first.isEol()) {
            in.error("internal parse error: parseLine at end of line");
        }
        Position end = first.endPos();
        List<String> tokens = new ArrayList<>(List.of(first.text()));
        while (true) {
            Lexer.Token tok = in.lex();
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
                x.comments.suffix.add(suffix.removeLast());
            }
        }
        for (Expr x : post) {
            Collections.reverse(x.comments.suffix);
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

    /**
     * Splits go.mod bytes into tokens, one token of look-ahead, as x/mod's read.go does.
     *
     * <p>Whitespace is space, tab and carriage return; a newline is a token. End-of-line comments are
     * collected for later attachment and also end the line; whole-line comments are handed to the
     * parser as tokens.
     */
    static final class Lexer {
        static final int EOF = -1;
        static final int EOL_COMMENT = -2;
        static final int IDENT = -3;
        static final int STRING = -4;
        static final int COMMENT = -5;
        // Newlines and punctuation are their own ASCII codes.

        /** A lexed token; {@code text} is a byte string. */
        record Token(int kind, Position pos, Position endPos, String text) {
            boolean isEol() {
                return kind == EOF || kind == EOL_COMMENT || kind == '\n';
            }
        }

        private final String filename;
        private final byte[] data;
        private int offset;
        // The current position as three numbers (a Position is made only where a token starts or ends:
        // one per rune was most of the allocation of reading a go.mod).
        private int line = 1;
        private int lineRune = 1;
        private int tokenStart;
        private Position tokenPos;
        private Token token;
        /** The end-of-line comments seen so far, in order. */
        final List<Comment> suffixComments = new ArrayList<>();

        Lexer(String filename, byte[] data) {
            this.filename = filename;
            this.data = data;
            readToken();
        }

        /** Returns the kind of the next token without consuming it. */
        int peek() {
            return token.kind();
        }

        /** Consumes and returns the next token. */
        Token lex() {
            Token t = token;
            readToken();
            return t;
        }

        /** Throws a syntax error at the current position. */
        GoModSyntaxException error(String message) {
            throw new GoModSyntaxException(
                    List.of(new GoModSyntaxException.Problem(filename, line, lineRune, "", "", message)));
        }

        /** Returns the current position; its byte offset is the offset into the data. */
        private Position pos() {
            return new Position(line, lineRune, offset);
        }

        private boolean eof() {
            return offset >= data.length;
        }

        private int peekRune() {
            if (eof()) {
                return 0;
            }
            byte b = data[offset];
            return b >= 0 ? b : GoStrings.rune(GoStrings.decodeRune(data, offset)); // ASCII needs no decoding
        }

        private boolean peekPrefix(String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (offset + i >= data.length || data[offset + i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private int readRune() {
            if (eof()) {
                error("internal lexer error: readRune at EOF");
            }
            int r;
            byte b = data[offset];
            if (b >= 0) { // ASCII needs no decoding
                r = b;
                offset++;
            } else {
                long d = GoStrings.decodeRune(data, offset);
                r = GoStrings.rune(d);
                offset += GoStrings.width(d);
            }
            if (r == '\n') {
                line++;
                lineRune = 1;
            } else {
                lineRune++;
            }
            return r;
        }

        private void startToken() {
            tokenStart = offset;
            tokenPos = pos();
        }

        private void endToken(int kind) {
            String text = ByteStrings.of(data, tokenStart, offset);
            if (kind == COMMENT || kind == EOL_COMMENT) {
                if (text.endsWith("\r\n")) {
                    text = text.substring(0, text.length() - 2);
                } else if (text.endsWith("\n")) {
                    text = text.substring(0, text.length() - 1);
                }
            }
            token = new Token(kind, tokenPos, pos(), text);
        }

        private void readToken() {
            while (!eof()) {
                int c = peekRune();
                if (c == ' ' || c == '\t' || c == '\r') {
                    readRune();
                    continue;
                }
                if (peekPrefix("//")) {
                    readComment();
                    return;
                }
                if (peekPrefix("/*")) {
                    error("mod files must use // comments (not /* */ comments)");
                }
                break;
            }
            startToken();
            if (eof()) {
                endToken(EOF);
                return;
            }
            int c = peekRune();
            switch (c) {
                case '\n', '(', ')', '[', ']', '{', '}', ',' -> {
                    readRune();
                    endToken(c);
                }
                case '"', '`' -> readString(c);
                default -> readIdent(c);
            }
        }

        /** Reads a comment through its newline; whether it is a suffix depends on what precedes it. */
        private void readComment() {
            startToken();
            int lineStart = offset;
            while (lineStart > 0 && data[lineStart - 1] != '\n') {
                lineStart--;
            }
            boolean suffix = !ByteStrings.trimSpace(ByteStrings.of(data, lineStart, offset))
                    .isEmpty();
            readRune();
            readRune();
            while (!eof() && readRune() != '\n') {
                // consume the comment
            }
            if (!suffix) {
                endToken(COMMENT);
                return;
            }
            endToken(EOL_COMMENT);
            suffixComments.add(new Comment(token.pos(), token.text(), true));
        }

        private void readString(int quote) {
            readRune();
            while (true) {
                if (eof()) {
                    line = tokenPos.line();
                    lineRune = tokenPos.lineRune();
                    error("unexpected EOF in string");
                }
                if (peekRune() == '\n') {
                    error("unexpected newline in string");
                }
                int c = readRune();
                if (c == quote) {
                    break;
                }
                if (c == '\\' && quote != '`') {
                    if (eof()) {
                        line = tokenPos.line();
                        lineRune = tokenPos.lineRune();
                        error("unexpected EOF in string");
                    }
                    readRune();
                }
            }
            endToken(STRING);
        }

        private void readIdent(int first) {
            if (!isIdent(first)) {
                error("unexpected input character " + GoStrings.quoteRune(first));
            }
            for (int c = peekRune(); isIdent(c); c = peekRune()) {
                if (c == '/' && peekPrefix("//")) {
                    break;
                }
                if (c == '/' && peekPrefix("/*")) {
                    error("mod files must use // comments (not /* */ comments)");
                }
                readRune();
            }
            endToken(IDENT);
        }

        /** Reports whether {@code c} may appear in an identifier: printable, not space, not punctuation. */
        static boolean isIdent(int c) {
            return switch (c) {
                case ' ', '(', ')', '[', ']', '{', '}', ',' -> false;
                default -> !GoStrings.isSpace(c) && GoStrings.isPrint(c);
            };
        }
    }
}
