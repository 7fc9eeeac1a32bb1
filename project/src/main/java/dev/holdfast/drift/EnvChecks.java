package dev.holdfast.drift;

import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PrefixPatterns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings checks: go environment values that weaken what a build can be trusted for.
 *
 * <ul>
 *   <li>{@code GOSUMDB=off}.
 *   <li>{@code GOPRIVATE}, {@code GONOSUMDB} (when set apart from GOPRIVATE) and {@code GOINSECURE}
 *       patterns that match a <em>public</em> module: a module of the build list whose selected version
 *       one of the proxies of GOPROXY serves (asked for its {@code .info}, GONOPROXY ignored, in list
 *       order up to {@code direct} or {@code off}). A module no proxy serves is taken to be private;
 *       so with {@code GOPROXY=direct} or {@code off}, or offline, nothing is public and this check
 *       finds nothing.
 *   <li>{@code -mod=mod} among the GOFLAGS.
 *   <li>{@code GOPROXY} whose first entry is {@code direct} or {@code off} (no proxy at all). The go
 *       command's default, a proxy followed by {@code ,direct}, is not a finding.
 * </ul>
 *
 * <p>There is no GONOSUMCHECK: the go command has never read such a variable (GONOSUMDB is the one), so
 * it is not checked. Settings have no line in the project; their findings point at go.mod's module line.
 */
final class EnvChecks {
    private EnvChecks() {}

    /**
     * Returns the findings for go environment {@code env} and the modules of {@code buildList}, asking
     * proxies made by {@code proxies} whether modules are public unless {@code offline}.
     */
    static List<Finding> check(
            GoEnv env,
            List<ModuleVersion> buildList,
            LineIndex lines,
            boolean offline,
            Function<String, ModuleSource> proxies) {
        List<Finding> out = new ArrayList<>();
        Finding.Location where = lines.moduleLine();
        if (env.gosumdb().strip().equals("off")) {
            out.add(Finding.of(
                    Finding.Kind.GOSUMDB_OFF,
                    "GOSUMDB=off: modules missing from go.sum are trusted on first download",
                    "unset GOSUMDB (or set it to a checksum database); list private modules in GOPRIVATE instead",
                    where));
        }
        // The -mod in effect: GOFLAGS split as the go command splits it, the last -mod winning.
        if (env.buildMod().equals("mod")) {
            out.add(Finding.of(
                    Finding.Kind.GOFLAGS_MOD_MOD,
                    "GOFLAGS has -mod=mod: the go command may change go.mod and go.sum instead of failing",
                    "drop -mod=mod from GOFLAGS (builds then use -mod=readonly)",
                    where));
        }
        List<ProxySpec> list = proxyList(env);
        if (!list.isEmpty() && list.getFirst() instanceof ProxySpec.Direct) {
            out.add(Finding.of(
                    Finding.Kind.GOPROXY_DIRECT,
                    "GOPROXY=" + ProxyList.redacted(env.goproxy())
                            + ": modules are fetched from their origins, no proxy",
                    "set GOPROXY to a module proxy (for example a holdfast serve), with ,direct after it if needed",
                    where));
        } else if (!list.isEmpty() && list.getFirst() instanceof ProxySpec.Off) {
            out.add(Finding.of(
                    Finding.Kind.GOPROXY_OFF,
                    "GOPROXY=" + ProxyList.redacted(env.goproxy())
                            + ": nothing can be downloaded, only the module cache is used",
                    "set GOPROXY to a module proxy unless the build is meant to be offline",
                    where));
        }
        if (!offline) {
            out.addAll(patterns(env, list, buildList, where, proxies));
        }
        return out;
    }

    private static List<Finding> patterns(
            GoEnv env,
            List<ProxySpec> list,
            List<ModuleVersion> buildList,
            Finding.Location where,
            Function<String, ModuleSource> proxies) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("GOPRIVATE", env.goprivate());
        if (!env.gonosumdb().equals(env.goprivate())) {
            variables.put("GONOSUMDB", env.gonosumdb());
        }
        variables.put("GOINSECURE", env.goinsecure());
        List<Finding> out = new ArrayList<>();
        Map<ModuleVersion, Optional<String>> served = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : variables.entrySet()) {
            for (ModuleVersion m : buildList) {
                Optional<String> glob = matching(v.getValue(), m.path());
                if (glob.isEmpty() || m.version().isEmpty()) {
                    continue;
                }
                Optional<String> proxy = served.computeIfAbsent(m, k -> servedBy(k, list, proxies));
                if (proxy.isEmpty()) {
                    continue;
                }
                String effect = v.getKey().equals("GOINSECURE")
                        ? "it may be fetched without TLS certificate checks"
                        : "its hashes are not checked against the checksum database";
                out.add(Finding.of(
                        Finding.Kind.PRIVATE_PATTERN_PUBLIC,
                        v.getKey() + " pattern " + glob.get() + " matches " + m.path() + ", a public module (the proxy "
                                + proxy.get() + " serves " + m.version() + "): " + effect,
                        "narrow " + v.getKey() + " to the private modules' paths",
                        where));
            }
        }
        return out;
    }

    /** Returns the glob of {@code globs} that matches {@code path}, if one does. */
    private static Optional<String> matching(String globs, String path) {
        for (String glob : globs.split(",", -1)) {
            if (!glob.isBlank() && PrefixPatterns.match(glob, path)) {
                return Optional.of(glob);
            }
        }
        return Optional.empty();
    }

    /** Returns the first proxy of the list that serves {@code m}, if any. */
    private static Optional<String> servedBy(
            ModuleVersion m, List<ProxySpec> list, Function<String, ModuleSource> proxies) {
        for (ProxySpec spec : list) {
            if (!(spec instanceof ProxySpec.Url url)) {
                return Optional.empty(); // direct or off: no more proxies
            }
            try {
                proxies.apply(url.url()).info(m);
                return Optional.of(url.url());
            } catch (ModuleNotFoundException e) {
                // this proxy does not have it: ask the next
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // cannot tell: do not claim it is public
            }
        }
        return Optional.empty();
    }

    /** Returns the GOPROXY list without GONOPROXY, or empty when GOPROXY is malformed (the load reports that). */
    private static List<ProxySpec> proxyList(GoEnv env) {
        try {
            return ProxyList.parse(env.goproxy(), "");
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * Returns proxies as {@link #check} asks them: a plain {@link ProxySource} per URL, all on one HTTP
     * client (built, TLS and all, only if one is asked).
     */
    static Function<String, ModuleSource> defaultProxies() {
        java.net.http.HttpClient client = ProxySource.newClient(ProxySource.Timeouts.DEFAULT);
        return url -> new ProxySource(url, client, ProxySource.Timeouts.DEFAULT, java.time.Clock.systemUTC());
    }
}
