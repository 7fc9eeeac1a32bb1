package dev.holdfast.fetch;

import dev.holdfast.module.GoPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The go command's module download configuration, read the way it reads it (its {@code cfg} package):
 * each variable from the process environment if set and not empty, else from the go env file ({@code
 * $GOENV}, by default {@code $XDG_CONFIG_HOME/go/env} or {@code $HOME/.config/go/env}; {@code GOENV=off}
 * disables it), else its default. GONOPROXY and GONOSUMDB default to GOPRIVATE, GOPATH to {@code
 * $HOME/go}, GOMODCACHE to the first GOPATH entry's {@code pkg/mod}. GOPROXY and GOSUMDB default to
 * what the installed go command reports, never to a host written into Holdfast.
 *
 * <p>(The go command has no GONOSUMCHECK: an early name of GONOSUMDB that no release reads.)
 *
 * @param goproxy the GOPROXY list
 * @param gonoproxy the GONOPROXY patterns
 * @param goprivate the GOPRIVATE patterns
 * @param gonosumdb the GONOSUMDB patterns
 * @param gosumdb the GOSUMDB setting
 * @param goinsecure the GOINSECURE patterns
 * @param goflags the GOFLAGS value, unsplit
 * @param gomodcache the module cache directory, or {@code ""} when there is no GOPATH
 * @param gopath the GOPATH list, or {@code ""}
 * @param goenv the go env file's name, or {@code ""} when none is read
 */
public record GoEnv(
        String goproxy,
        String gonoproxy,
        String goprivate,
        String gonosumdb,
        String gosumdb,
        String goinsecure,
        String goflags,
        String gomodcache,
        String gopath,
        String goenv) {

    /** Checks that no value is null. */
    public GoEnv {
        for (String v : List.of(
                goproxy, gonoproxy, goprivate, gonosumdb, gosumdb, goinsecure, goflags, gomodcache, gopath, goenv)) {
            Objects.requireNonNull(v);
        }
    }

    /**
     * Returns the configuration for process environment {@code env} (with HOME, and XDG_CONFIG_HOME or
     * GOENV when set), taking the GOPROXY and GOSUMDB defaults from {@code $GOROOT/go.env} when neither the
     * environment nor the go env file sets them, and asking {@code go} only when that file does not either.
     *
     * @throws IOException if a default is needed and the go command cannot give it
     */
    public static GoEnv read(Map<String, String> env, GoCommand go) throws IOException {
        String file = GoEnvFile.name(env);
        Map<String, String> settings = GoEnvFile.read(file);
        Lookup lookup = new Lookup(env, settings);
        List<String> missing = new ArrayList<>();
        for (String name : List.of("GOPROXY", "GOSUMDB")) {
            if (!lookup.isSet(name)) {
                missing.add(name);
            }
        }
        Map<String, String> defaults = new HashMap<>();
        if (!missing.isEmpty()) {
            // The go command's own defaults come from $GOROOT/go.env, read as it reads it: no process needed.
            Map<String, String> goroot = GoEnvFile.read(gorootEnvFile(env));
            missing.removeIf(name -> {
                String value = goroot.get(name);
                if (value != null) {
                    defaults.put(name, value);
                }
                return value != null;
            });
        }
        if (!missing.isEmpty()) {
            try {
                defaults.putAll(go.env(env, missing));
            } catch (IOException e) {
                throw new IOException(
                        String.join(" and ", missing) + " not set, and the go command could not report its default: "
                                + e.getMessage(),
                        e);
            }
        }
        flags(lookup.get("GOFLAGS")).forEach(GoEnv::checkFlagWord);
        String goprivate = lookup.get("GOPRIVATE");
        String gopath = lookup.getOr("GOPATH", defaultGopath(env));
        return new GoEnv(
                lookup.isSet("GOPROXY") ? lookup.get("GOPROXY") : defaults.getOrDefault("GOPROXY", ""),
                lookup.getOr("GONOPROXY", goprivate),
                goprivate,
                lookup.getOr("GONOSUMDB", goprivate),
                lookup.isSet("GOSUMDB") ? lookup.get("GOSUMDB") : defaults.getOrDefault("GOSUMDB", ""),
                lookup.get("GOINSECURE"),
                lookup.get("GOFLAGS"),
                lookup.getOr("GOMODCACHE", gopathDir(gopath, "pkg/mod")),
                gopath,
                file);
    }

    /**
     * Returns the GONOSUMDB patterns of process environment {@code env} (defaulting to GOPRIVATE), read
     * as {@link #read} reads them but without asking the go command for anything.
     */
    public static String gonosumdb(Map<String, String> env) throws IOException {
        Lookup lookup = new Lookup(env, GoEnvFile.read(GoEnvFile.name(env)));
        return lookup.getOr("GONOSUMDB", lookup.get("GOPRIVATE"));
    }

    /**
     * Returns the {@code -mod} value GOFLAGS sets ({@code mod}, {@code readonly}, {@code vendor}; the last
     * one wins, as flags do), or {@code ""} when it sets none.
     */
    public String buildMod() {
        return lastFlag("mod");
    }

    /**
     * Returns the {@code -modfile} value in GOFLAGS (the last one when there are several), or {@code ""}: the
     * go.mod the go command reads instead of the module root's, as given (relative to the directory it runs
     * in).
     */
    public String modFile() {
        return lastFlag("modfile");
    }

    /**
     * Reports whether GOFLAGS sets {@code -modcacherw}: directories extracted into the module cache are
     * left writable instead of read-only (the last setting wins; {@code -modcacherw=false} turns it off).
     *
     * @throws IllegalArgumentException with the go command's message for a value that is not a boolean
     */
    public boolean modCacheRW() {
        boolean rw = false;
        for (String flag : flags(goflags)) {
            String name = flag.startsWith("--") ? flag.substring(2) : flag.startsWith("-") ? flag.substring(1) : "";
            if (name.equals("modcacherw")) {
                rw = true;
            } else if (name.startsWith("modcacherw=")) {
                String value = name.substring("modcacherw=".length());
                rw = switch (value) {
                    case "1", "t", "T", "TRUE", "true", "True" -> true; // strconv.ParseBool
                    case "0", "f", "F", "FALSE", "false", "False" -> false;
                    default ->
                        throw new IllegalArgumentException("invalid boolean value \"" + value
                                + "\" for flag -modcacherw (from $GOFLAGS): parse error");
                };
            }
        }
        return rw;
    }

    /**
     * Splits a GOFLAGS value into its words as the go command does ({@code quoted.Split}): at white space,
     * a word that starts with a quote running to the same quote.
     *
     * @throws IllegalArgumentException with the go command's message for an unterminated quote
     */
    static List<String> flags(String goflags) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = goflags.length();
        while (i < n) {
            while (i < n && " \t\n\r".indexOf(goflags.charAt(i)) >= 0) {
                i++;
            }
            if (i == n) {
                break;
            }
            char c = goflags.charAt(i);
            if (c == '"' || c == '\'') {
                int end = goflags.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("parsing $GOFLAGS: unterminated " + c + " string");
                }
                words.add(goflags.substring(i + 1, end));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < n && " \t\n\r".indexOf(goflags.charAt(i)) < 0) {
                i++;
            }
            words.add(goflags.substring(start, i));
        }
        return words;
    }

    /**
     * Refuses a GOFLAGS word that is not a flag ({@code -x}, {@code --x}, {@code -x=value}), with the go
     * command's message. (It also refuses a flag no go subcommand knows, which needs the go command's own
     * flag sets; that is left to it.)
     */
    private static void checkFlagWord(String f) {
        if (!f.startsWith("-")
                || f.equals("-")
                || f.equals("--")
                || f.startsWith("---")
                || f.startsWith("-=")
                || f.startsWith("--=")) {
            throw new IllegalArgumentException("parsing $GOFLAGS: non-flag \"" + f + "\"");
        }
    }

    private String lastFlag(String name) {
        String value = "";
        for (String flag : flags(goflags)) {
            for (String prefix : List.of("-" + name + "=", "--" + name + "=")) {
                if (flag.startsWith(prefix)) {
                    value = flag.substring(prefix.length());
                }
            }
        }
        return value;
    }

    /**
     * Returns the root of the Go installation that {@code env} runs: its GOROOT, else the directory above the
     * {@code bin} of the go command on its PATH (symbolic links followed), as the go command finds its own;
     * empty when there is no go command. No process is started.
     */
    public static Optional<Path> goroot(Map<String, String> env) {
        String set = env.getOrDefault("GOROOT", "");
        if (!set.isEmpty()) {
            return Optional.of(Path.of(set));
        }
        try {
            return Optional.of(
                    ProcessRun.onPath("go", env).toRealPath().getParent().getParent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns the {@code go.env} file of the Go installation {@link #goroot} finds, or {@code ""}. */
    static String gorootEnvFile(Map<String, String> env) {
        return goroot(env).map(root -> root.resolve("go.env").toString()).orElse("");
    }

    /**
     * Returns the default of setting {@code name} in the Go installation's {@code go.env} (see {@link
     * #gorootEnvFile}), or {@code ""} when it sets none.
     */
    public static String gorootDefault(Map<String, String> env, String name) {
        return GoEnvFile.read(gorootEnvFile(env)).getOrDefault(name, "");
    }

    /**
     * Returns the setting {@code name} as the go command's {@code Getenv} sees it: the process environment
     * {@code env} when set there, else the go env file, else {@code ""} (the go command's own default,
     * from {@code $GOROOT/go.env} or built in, is not consulted).
     */
    public static String setting(Map<String, String> env, String name) throws IOException {
        return new Lookup(env, GoEnvFile.read(GoEnvFile.name(env))).get(name);
    }

    /**
     * Returns the GONOPROXY patterns of process environment {@code env} (defaulting to GOPRIVATE), read
     * as {@link #read} reads them but without asking the go command for anything.
     */
    public static String gonoproxy(Map<String, String> env) throws IOException {
        Lookup lookup = new Lookup(env, GoEnvFile.read(GoEnvFile.name(env)));
        return lookup.getOr("GONOPROXY", lookup.get("GOPRIVATE"));
    }

    /**
     * Returns where the go command keeps the checksum database's verified tree heads ({@code
     * cfg.SumdbDir}): {@code pkg/sumdb} under the first GOPATH entry, or {@code ""} without a GOPATH.
     */
    public String sumdbDir() {
        return gopathDir(gopath, "pkg/sumdb");
    }

    /**
     * Returns the GOPROXY list with the GONOPROXY entry, as the go command builds it.
     *
     * @throws IllegalArgumentException with the go command's message if GOPROXY is malformed
     */
    public List<ProxySpec> proxyList() {
        return ProxyList.parse(goproxy, gonoproxy);
    }

    /** The go command's {@code Getenv}: the environment if not empty, else the go env file. */
    private record Lookup(Map<String, String> env, Map<String, String> settings) {
        boolean isSet(String name) {
            return !env.getOrDefault(name, "").isEmpty() || settings.containsKey(name);
        }

        String get(String name) {
            String v = env.getOrDefault(name, "");
            return v.isEmpty() ? settings.getOrDefault(name, "") : v;
        }

        /** Returns the value, or {@code def} when it is empty (the go command's {@code EnvOr}). */
        String getOr(String name, String def) {
            String v = get(name);
            return v.isEmpty() ? def : v;
        }
    }

    /** Returns {@code $HOME/go}, or {@code ""} without a HOME (go/build's {@code defaultGOPATH}). */
    private static String defaultGopath(Map<String, String> env) {
        String home = env.getOrDefault("HOME", "");
        return home.isEmpty() ? "" : GoPath.join(home, "go");
    }

    /** Returns {@code rel} under the first GOPATH entry, or {@code ""} if that entry is empty. */
    private static String gopathDir(String gopath, String rel) {
        String first = gopath.split(":", -1)[0];
        return first.isEmpty() ? "" : GoPath.join(first, rel);
    }
}
