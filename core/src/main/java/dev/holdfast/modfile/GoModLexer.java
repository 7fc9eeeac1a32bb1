package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModSyntax.Comment;
import dev.holdfast.modfile.GoModSyntax.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits go.mod bytes into tokens, one token of look-ahead, as x/mod's read.go does.
 *
 * <p>Whitespace is space, tab and carriage return; a newline is a token. End-of-line comments are
 * collected for later attachment and also end the line; whole-line comments are handed to the
 * parser as tokens.
 */
final class GoModLexer {
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
    private Position pos = new Position(1, 1, 0);
    private int tokenStart;
    private Position tokenPos;
    private Token token;
    /** The end-of-line comments seen so far, in order. */
    final List<Comment> suffixComments = new ArrayList<>();

    GoModLexer(String filename, byte[] data) {
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
                List.of(new GoModSyntaxException.Problem(filename, pos.line(), pos.lineRune(), "", "", message)));
    }

    private boolean eof() {
        return offset >= data.length;
    }

    private int peekRune() {
        if (eof()) {
            return 0;
        }
        return GoText.rune(decode());
    }

    private long decode() {
        int b = data[offset] & 0xFF;
        if (b < 0x80) {
            return (long) b << 32 | 1;
        }
        int end = Math.min(data.length, offset + 4);
        return GoText.decodeRune(GoText.of(data, offset, end), 0);
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
        long d = decode();
        int r = GoText.rune(d);
        int size = GoText.width(d);
        offset += size;
        if (r == '\n') {
            pos = new Position(pos.line() + 1, 1, pos.byteOffset() + size);
        } else {
            pos = new Position(pos.line(), pos.lineRune() + 1, pos.byteOffset() + size);
        }
        return r;
    }

    private void startToken() {
        tokenStart = offset;
        tokenPos = pos;
    }

    private void endToken(int kind) {
        String text = GoText.of(data, tokenStart, offset);
        if (kind == COMMENT || kind == EOL_COMMENT) {
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
        }
        token = new Token(kind, tokenPos, pos, text);
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
        boolean suffix = !GoText.trimSpace(GoText.of(data, lineStart, offset)).isEmpty();
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
                pos = tokenPos;
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
                    pos = tokenPos;
                    error("unexpected EOF in string");
                }
                readRune();
            }
        }
        endToken(STRING);
    }

    private void readIdent(int first) {
        if (!isIdent(first)) {
            error("unexpected input character " + GoText.text(GoText.quoteRune(first)));
        }
        while (isIdent(peekRune())) {
            if (peekPrefix("//")) {
                break;
            }
            if (peekPrefix("/*")) {
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
            default -> !GoText.isSpace(c) && GoText.isPrint(c);
        };
    }
}
