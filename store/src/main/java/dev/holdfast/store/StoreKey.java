package dev.holdfast.store;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import java.util.Objects;

/**
 * A parsed store key: the escaped proxy URL path of one file of the GOPROXY protocol. The five shapes
 * are {@code <escaped path>/@v/list}, {@code <escaped path>/@latest} and {@code <escaped
 * path>/@v/<escaped version>.info|.mod|.zip}; the version of the last three is canonical (the files
 * a cache may keep forever, as the go command's module cache does).
 *
 * <p>This is the one mapping between module files and keys. {@link #parse} accepts only keys in
 * exactly the escaped form {@link #format} produces, so a key can never name {@code ..}, an absolute
 * path or anything outside a store's root.
 *
 * @param path the module path, unescaped
 * @param kind which protocol file
 * @param version the canonical version for {@code info}, {@code mod} and {@code zip}; null otherwise
 */
public record StoreKey(String path, Kind kind, String version) {
    /** The protocol files a store holds. */
    public enum Kind {
        /** {@code @v/list}: the known versions, one per line. */
        LIST,
        /** {@code @latest}: the JSON of the latest version. */
        LATEST,
        /** {@code @v/<version>.info}: the JSON of one version. */
        INFO,
        /** {@code @v/<version>.mod}: the go.mod file of one version. */
        MOD,
        /** {@code @v/<version>.zip}: the module zip of one version. */
        ZIP
    }

    /** Checks that the path, kind and version form a valid key. */
    public StoreKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        ModulePath.check(path);
        boolean versioned = kind == Kind.INFO || kind == Kind.MOD || kind == Kind.ZIP;
        if (versioned != (version != null)) {
            throw new IllegalArgumentException(kind + " key " + (versioned ? "needs" : "takes no") + " version");
        }
        if (versioned && !isCanonical(version)) {
            throw new IllegalArgumentException("non-canonical module version \"" + version + "\"");
        }
    }

    /** Returns the key of the version list of module {@code path}. */
    public static String list(String path) {
        return new StoreKey(path, Kind.LIST, null).format();
    }

    /** Returns the key of the latest-version answer of module {@code path}. */
    public static String latest(String path) {
        return new StoreKey(path, Kind.LATEST, null).format();
    }

    /** Returns the key of the {@code .info} file of {@code mv}, whose version is canonical. */
    public static String info(ModuleVersion mv) {
        return new StoreKey(mv.path(), Kind.INFO, mv.version()).format();
    }

    /** Returns the key of the {@code .mod} file of {@code mv}, whose version is canonical. */
    public static String mod(ModuleVersion mv) {
        return new StoreKey(mv.path(), Kind.MOD, mv.version()).format();
    }

    /** Returns the key of the {@code .zip} file of {@code mv}, whose version is canonical. */
    public static String zip(ModuleVersion mv) {
        return new StoreKey(mv.path(), Kind.ZIP, mv.version()).format();
    }

    /**
     * Reports whether {@code version} is a version a store keeps files for: a valid semantic version in
     * the go command's canonical form ({@code +incompatible} allowed).
     */
    public static boolean isCanonical(String version) {
        return Semver.isValid(version) && ModulePath.canonicalVersion(version).equals(version);
    }

    /**
     * Parses a key.
     *
     * @throws IllegalArgumentException if {@code key} is not exactly one of the five escaped shapes
     *     with a valid module path and canonical version
     */
    public static StoreKey parse(String key) {
        try {
            StoreKey parsed = parseShape(key);
            if (!parsed.format().equals(key)) {
                throw new IllegalArgumentException("not in escaped form");
            }
            return parsed;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid store key \"" + key + "\": " + e.getMessage(), e);
        }
    }

    private static StoreKey parseShape(String key) {
        if (key.endsWith("/@latest")) {
            String escaped = key.substring(0, key.length() - "/@latest".length());
            return new StoreKey(ModulePath.unescape(escaped), Kind.LATEST, null);
        }
        int at = key.lastIndexOf("/@v/");
        if (at < 0) {
            throw new IllegalArgumentException("not a proxy file path");
        }
        String path = ModulePath.unescape(key.substring(0, at));
        String file = key.substring(at + "/@v/".length());
        if (file.equals("list")) {
            return new StoreKey(path, Kind.LIST, null);
        }
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("unknown proxy file");
        }
        Kind kind =
                switch (file.substring(dot)) {
                    case ".info" -> Kind.INFO;
                    case ".mod" -> Kind.MOD;
                    case ".zip" -> Kind.ZIP;
                    default -> throw new IllegalArgumentException("unknown proxy file");
                };
        return new StoreKey(path, kind, ModulePath.unescapeVersion(file.substring(0, dot)));
    }

    /** Returns the module version of a versioned key; null for {@code list} and {@code latest}. */
    public ModuleVersion moduleVersion() {
        return version == null ? null : new ModuleVersion(path, version);
    }

    /** Returns the key string: the escaped proxy URL path, without a leading slash. */
    public String format() {
        String dir = ModulePath.escape(path);
        return switch (kind) {
            case LIST -> dir + "/@v/list";
            case LATEST -> dir + "/@latest";
            case INFO, MOD, ZIP ->
                dir + "/@v/" + ModulePath.escapeVersion(version) + "."
                        + kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Returns {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }
}
