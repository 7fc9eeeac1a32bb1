package dev.holdfast.server;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.StoreKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One request the server understands, parsed from its URL path: the GOPROXY protocol's five files,
 * the checksum-database endpoints it forwards, and the operational pages. Everything past {@link
 * #parse} trusts the types: module paths are valid and unescaped, {@code .mod} and {@code .zip}
 * versions canonical.
 */
public sealed interface ProxyRequest {
    /** The longest URL path accepted, in bytes (4 KiB; a module path is at most a few hundred). */
    int MAX_URL_BYTES = 4096;

    /** A lookup key as the checksum database accepts it (x/mod/sumdb/server.go {@code modVerRE}). */
    Pattern LOOKUP = Pattern.compile("[^@]+@v[0-9]+\\.[0-9]+\\.[0-9]+(-[^@]*)?(\\+incompatible)?");

    /** A tile path: {@code H/L/NNN[.p/W]}, {@code L} a level or {@code data} (x/mod/sumdb/tlog tile.go). */
    Pattern TILE = Pattern.compile("[0-9]{1,2}/(data|[0-9]{1,3})/(x[0-9]{3}/)*[0-9]{3}(\\.p/[0-9]{1,3})?");

    /**
     * A request for a file of the GOPROXY protocol, answered from the cache: from the store alone in
     * cache-only mode, else through the caching source.
     */
    sealed interface ModuleFile extends ProxyRequest {
        /** Returns the store key of the answer. */
        default String key() {
            return switch (this) {
                case List l -> StoreKey.list(l.path());
                case Latest l -> StoreKey.latest(l.path());
                case Info i -> StoreKey.info(i.mv());
                case Mod m -> StoreKey.mod(m.mv());
                case Zip z -> StoreKey.zip(z.mv());
            };
        }

        /**
         * Returns the module version asked about, or null for {@code list} and {@code @latest}, which
         * ask about a module.
         */
        default ModuleVersion mv() {
            return null;
        }
    }

    /** {@code <module>/@v/list}. */
    record List(String path) implements ModuleFile {}

    /** {@code <module>/@v/<version>.info}; the version may be a query (branch, revision). */
    record Info(ModuleVersion mv) implements ModuleFile {}

    /** {@code <module>/@v/<version>.mod}, version canonical. */
    record Mod(ModuleVersion mv) implements ModuleFile {}

    /** {@code <module>/@v/<version>.zip}, version canonical. */
    record Zip(ModuleVersion mv) implements ModuleFile {}

    /** {@code <module>/@latest}. */
    record Latest(String path) implements ModuleFile {}

    /** {@code sumdb/<name>/supported}. */
    record SumdbSupported(String name) implements ProxyRequest {}

    /**
     * {@code sumdb/<name>/latest}, {@code sumdb/<name>/lookup/<key>} or {@code sumdb/<name>/tile/<tile>}.
     *
     * @param name the checksum database's name
     * @param rest the path under the name, for example {@code lookup/example.com/m@v1.0.0}
     */
    record SumdbFile(String name, String rest) implements ProxyRequest {
        /** Reports whether the file never changes: a full tile (one without a {@code .p/W} width). */
        public boolean isImmutable() {
            return rest.startsWith("tile/") && !rest.contains(".p/");
        }
    }

    /** {@code healthz}: the process is up. */
    record Health() implements ProxyRequest {}

    /** {@code readyz}: the store can be written. */
    record Ready() implements ProxyRequest {}

    /**
     * The server's status: {@code /status} as JSON (or as the page when the client asks for HTML), {@code /}
     * as the page.
     *
     * @param page whether the path itself asks for the page
     */
    record Status(boolean page) implements ProxyRequest {}

    /** {@code metrics}: the Prometheus scrape. */
    record Metrics() implements ProxyRequest {}

    /**
     * Parses {@code rawPath}, the URL path as sent (percent-escapes undecoded, no query).
     *
     * @throws BadRequestException for an over-long URL (414), an unknown endpoint (404) or a malformed
     *     module path, version, escape or checksum-database path (400)
     */
    static ProxyRequest parse(String rawPath) {
        if (rawPath.length() > MAX_URL_BYTES) {
            throw new BadRequestException(
                    BadRequestException.URI_TOO_LONG, "URL longer than " + MAX_URL_BYTES + " bytes");
        }
        if (!rawPath.startsWith("/")) {
            throw BadRequestException.malformed("URL path does not start with /");
        }
        String path = percentDecode(rawPath.substring(1));
        for (String element : path.split("/", -1)) {
            if (element.equals("..") || element.equals(".")) {
                throw BadRequestException.malformed("path element \"" + element + "\" not allowed");
            }
        }
        return switch (path) {
            case "healthz" -> new Health();
            case "readyz" -> new Ready();
            case "" -> new Status(true);
            case "status" -> new Status(false);
            case "metrics" -> new Metrics();
            default -> path.startsWith("sumdb/") ? parseSumdb(path.substring("sumdb/".length())) : parseModule(path);
        };
    }

    private static ProxyRequest parseModule(String path) {
        if (path.endsWith("/@latest")) {
            return new Latest(modulePath(path.substring(0, path.length() - "/@latest".length())));
        }
        int at = path.lastIndexOf("/@v/");
        if (at < 0) {
            throw unknown(path);
        }
        String module = modulePath(path.substring(0, at));
        String file = path.substring(at + "/@v/".length());
        if (file.equals("list")) {
            return new List(module);
        }
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot);
        if (!ext.equals(".info") && !ext.equals(".mod") && !ext.equals(".zip")) {
            throw unknown(path);
        }
        ModuleVersion mv = new ModuleVersion(module, version(file.substring(0, dot)));
        if (ext.equals(".info")) {
            return new Info(mv);
        }
        checkCanonical(mv);
        return ext.equals(".mod") ? new Mod(mv) : new Zip(mv);
    }

    private static ProxyRequest parseSumdb(String rest) {
        if (rest.endsWith("/supported")) {
            return new SumdbSupported(sumdbName(rest.substring(0, rest.length() - "/supported".length())));
        }
        if (rest.endsWith("/latest")) {
            return new SumdbFile(sumdbName(rest.substring(0, rest.length() - "/latest".length())), "latest");
        }
        for (String op : new String[] {"/lookup/", "/tile/"}) {
            int i = rest.indexOf(op);
            if (i >= 0) {
                String name = sumdbName(rest.substring(0, i));
                String arg = rest.substring(i + op.length());
                Pattern shape = op.equals("/lookup/") ? LOOKUP : TILE;
                if (!shape.matcher(arg).matches()) {
                    throw BadRequestException.malformed(
                            "malformed checksum database " + op.replace("/", "") + " path \"" + arg + "\"");
                }
                return new SumdbFile(name, op.substring(1) + arg);
            }
        }
        throw unknown("sumdb/" + rest);
    }

    /** Checks a checksum database name: {@code host[/path]}, as GOSUMDB names are. */
    private static String sumdbName(String name) {
        try {
            ModulePath.checkImportPath(name);
        } catch (IllegalArgumentException e) {
            throw BadRequestException.malformed("malformed checksum database name \"" + name + "\"");
        }
        if (!name.contains(".")) {
            throw BadRequestException.malformed("malformed checksum database name \"" + name + "\"");
        }
        return name;
    }

    private static String modulePath(String escaped) {
        try {
            return ModulePath.unescape(escaped);
        } catch (IllegalArgumentException e) {
            throw BadRequestException.malformed(e.getMessage());
        }
    }

    private static String version(String escaped) {
        try {
            return ModulePath.unescapeVersion(escaped);
        } catch (IllegalArgumentException e) {
            throw BadRequestException.malformed(e.getMessage());
        }
    }

    /** Checks that a {@code .mod} or {@code .zip} version is canonical and fits the path's major version. */
    private static void checkCanonical(ModuleVersion mv) {
        if (!StoreKey.isCanonical(mv.version())) {
            throw BadRequestException.malformed(
                    mv.path() + "@" + mv.version() + ": invalid version: version must be canonical");
        }
        String pathMajor = ModulePath.splitPathVersion(mv.path())
                .map(ModulePath.PathMajor::pathMajor)
                .orElse("");
        if (!ModulePath.matchPathMajor(mv.version(), pathMajor)) {
            try {
                ModulePath.checkPathMajor(mv.version(), pathMajor);
            } catch (IllegalArgumentException e) {
                throw BadRequestException.malformed(mv.path() + "@" + mv.version() + ": " + e.getMessage());
            }
        }
    }

    private static BadRequestException unknown(String path) {
        return new BadRequestException(BadRequestException.NOT_FOUND, "unknown endpoint \"/" + path + "\"");
    }

    /** Decodes {@code %XX} escapes as UTF-8; {@code +} stays itself, as in a URL path. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw BadRequestException.malformed("malformed percent-escape in URL path");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw BadRequestException.malformed("URL path is not valid UTF-8");
        }
    }
}
