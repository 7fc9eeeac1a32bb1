package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PrefixPatterns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GOPROXY list as one source, with the go command's {@code TryProxies} rules (spec section 8.3):
 * each request tries the entries in order until one succeeds; after a failure it goes on only if the
 * failure was "not found" ({@link ModuleNotFoundException}) or the entry was followed by {@code |}. A
 * {@link ChecksumMismatchException} is never fallen back from.
 *
 * <p>Beyond the go command: an entry whose circuit breaker is open ({@link UpstreamUnavailableException},
 * an upstream found dead or failing) is passed over even when a comma follows it, since it was not asked
 * and gave no answer for the comma rule to respect (docs/resilience.md). Private modules are unaffected:
 * they never reach a proxy entry whatever its state.
 *
 * <p>A module matching the GONOPROXY patterns (those of the list's {@link ProxySpec.NoProxy} entry) is
 * never requested from a proxy entry: it is fetched directly or not at all. {@code off} fails every
 * request. {@code direct} fails with a message naming it until a source for it is given.
 *
 * <p>When every entry failed, the most useful failure is thrown, as the go command chooses it: one
 * from {@code direct} or {@code noproxy} first, then the last failure of a proxy other than "not
 * found", then the last "not found"; the other failures are attached with {@link
 * Throwable#addSuppressed}. Each fall-through is logged at DEBUG. Thread-safe if the entries' sources
 * are.
 */
public final class FallbackSource implements ModuleSource {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackSource.class);

    private static final int NOT_EXIST_RANK = 0;
    private static final int PROXY_RANK = 1;
    private static final int DIRECT_RANK = 2;

    /**
     * One GOPROXY entry with the source that serves it.
     *
     * @param spec the entry, never null
     * @param source the source for a {@link ProxySpec.Url} entry (required), or the direct (version
     *     control) source for a {@link ProxySpec.Direct} or {@link ProxySpec.NoProxy} entry (optional:
     *     without one, direct requests fail); null for {@code off}
     */
    public record Entry(ProxySpec spec, ModuleSource source) {
        /** Checks that a URL entry has a source. */
        public Entry {
            Objects.requireNonNull(spec, "spec");
            if (spec instanceof ProxySpec.Url && source == null) {
                throw new IllegalArgumentException("GOPROXY entry " + spec.token() + " needs a source");
            }
        }

        /** Returns an entry without a source, for {@code off}, {@code noproxy} or {@code direct}. */
        public static Entry of(ProxySpec spec) {
            return new Entry(spec, null);
        }
    }

    /** One of the five requests, made of one source. */
    @FunctionalInterface
    private interface Request<T> {
        T apply(ModuleSource source) throws IOException;
    }

    private final List<Entry> entries;
    private final String noProxyPatterns;

    /**
     * Returns a source trying {@code entries} in order.
     *
     * @throws IllegalArgumentException if {@code entries} is empty
     */
    public FallbackSource(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("GOPROXY list is empty");
        }
        this.entries = List.copyOf(entries);
        this.noProxyPatterns = this.entries.stream()
                .map(Entry::spec)
                .filter(s -> s instanceof ProxySpec.NoProxy)
                .map(s -> ((ProxySpec.NoProxy) s).patterns())
                .findFirst()
                .orElse("");
    }

    /**
     * Returns a source for the parsed GOPROXY list {@code specs} (see {@link ProxyList#parse}), asking
     * {@code proxies} for the source of each URL entry.
     */
    public static FallbackSource of(List<ProxySpec> specs, Function<ProxySpec.Url, ModuleSource> proxies) {
        return of(specs, proxies, null);
    }

    /**
     * Returns a source for the parsed GOPROXY list {@code specs}, asking {@code proxies} for the source of
     * each URL entry and fetching {@code direct} and GONOPROXY modules from {@code direct} (null: those
     * requests fail with a message saying so).
     */
    public static FallbackSource of(
            List<ProxySpec> specs, Function<ProxySpec.Url, ModuleSource> proxies, ModuleSource direct) {
        List<Entry> entries = new ArrayList<>();
        for (ProxySpec spec : specs) {
            entries.add(
                    switch (spec) {
                        case ProxySpec.Url url -> new Entry(spec, proxies.apply(url));
                        case ProxySpec.Direct d -> new Entry(spec, direct);
                        case ProxySpec.NoProxy n -> new Entry(spec, direct);
                        case ProxySpec.Off off -> Entry.of(spec);
                    });
        }
        return new FallbackSource(entries);
    }

    /** Reports whether a request may be fetched directly under {@code specs} ({@code direct} or GONOPROXY). */
    public static boolean needsDirect(List<ProxySpec> specs) {
        return specs.stream().anyMatch(s -> s instanceof ProxySpec.Direct || s instanceof ProxySpec.NoProxy);
    }

    @Override
    public List<String> list(String path) throws IOException {
        return tryEach(path, "", s -> s.list(path));
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        return tryEach(path, "", s -> s.latest(path));
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        return tryEach(mv.path(), mv.version(), s -> s.info(mv));
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        return tryEach(mv.path(), mv.version(), s -> s.mod(mv));
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        boolean[] attempted = {false};
        tryEach(mv.path(), mv.version(), s -> {
            if (attempted[0] && target.length() > 0) {
                target.reset(); // what an earlier upstream left is no prefix of this one's file
            }
            attempted[0] = true;
            s.zip(mv, target);
            return null;
        });
    }

    /** Returns the list as GOPROXY would spell it, for example {@code noproxy,http://a|http://b,off}. */
    @Override
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            ProxySpec spec = entries.get(i).spec();
            String token =
                    spec instanceof ProxySpec.Url ? entries.get(i).source().describe() : spec.token();
            b.append(token);
            if (i + 1 < entries.size()) {
                b.append(spec.fallBackOnError() ? '|' : ',');
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "FallbackSource[" + describe() + "]";
    }

    private <T> T tryEach(String path, String version, Request<T> request) throws IOException {
        boolean isPrivate = PrefixPatterns.match(noProxyPatterns, path);
        List<IOException> failures = new ArrayList<>();
        IOException best = null;
        int bestRank = NOT_EXIST_RANK;
        for (Entry entry : entries) {
            IOException failure;
            try {
                return request.apply(route(entry, isPrivate, path, version));
            } catch (ChecksumMismatchException e) {
                throw withSuppressed(e, failures); // a security failure: never tried elsewhere
            } catch (IOException e) {
                failure = e;
            }
            failures.add(failure);
            boolean notExist = failure instanceof ModuleNotFoundException;
            if (entry.spec() instanceof ProxySpec.Direct
                    || entry.spec() instanceof ProxySpec.NoProxy && !(failure instanceof UseProxyException)) {
                best = failure;
                bestRank = DIRECT_RANK;
            } else if (bestRank <= PROXY_RANK && !notExist) {
                best = failure;
                bestRank = PROXY_RANK;
            } else if (bestRank == NOT_EXIST_RANK) {
                best = failure;
            }
            // A comma stops at an answer; an upstream whose breaker is open gave none: move on.
            if (!entry.spec().fallBackOnError() && !notExist && !(failure instanceof UpstreamUnavailableException)) {
                break;
            }
            LOG.debug(
                    "{} failed ({}), trying the next GOPROXY entry",
                    entry.spec().token(),
                    failure.getMessage());
        }
        throw withSuppressed(Objects.requireNonNull(best), failures);
    }

    /**
     * Returns the source for {@code entry}, or throws the failure the go command's {@code lookup} gives
     * instead: private modules are never sent to a proxy, {@code off} refuses everything, {@code
     * noproxy} passes public modules on, and {@code direct} has no implementation yet.
     */
    private static ModuleSource route(Entry entry, boolean isPrivate, String path, String version)
            throws ModuleNotFoundException {
        String prefix = ModuleFailures.prefix(path, version);
        ProxySpec spec = entry.spec();
        if (isPrivate) {
            return switch (spec) {
                case ProxySpec.NoProxy n -> direct(entry, prefix);
                case ProxySpec.Direct d -> direct(entry, prefix);
                default -> throw new ModuleNotFoundException(prefix + "disabled by GOPRIVATE/GONOPROXY");
            };
        }
        return switch (spec) {
            case ProxySpec.Off off ->
                throw new ModuleNotFoundException(prefix + "module lookup disabled by GOPROXY=off");
            case ProxySpec.Direct d -> direct(entry, prefix);
            case ProxySpec.NoProxy n -> throw new UseProxyException(prefix);
            case ProxySpec.Url url -> entry.source();
        };
    }

    private static ModuleSource direct(Entry entry, String prefix) throws ModuleNotFoundException {
        if (entry.source() != null) {
            return entry.source();
        }
        // Not found, as the go command's direct lookup of an unknown path is: later entries (there are
        // none after direct) may still be tried, and the message says what is missing.
        throw new ModuleNotFoundException(prefix + "GOPROXY=direct: no version control source here");
    }

    private static <E extends IOException> E withSuppressed(E best, List<IOException> failures) {
        for (IOException f : failures) {
            if (f != best && !List.of(best.getSuppressed()).contains(f)) {
                best.addSuppressed(f);
            }
        }
        return best;
    }

    /** The go command's {@code errUseProxy}: a public module at the {@code noproxy} entry. */
    private static final class UseProxyException extends ModuleNotFoundException {
        private static final long serialVersionUID = 1L;

        UseProxyException(String prefix) {
            super(prefix + "path does not match GOPRIVATE/GONOPROXY");
        }
    }
}
