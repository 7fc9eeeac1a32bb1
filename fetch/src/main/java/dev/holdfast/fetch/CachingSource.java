package dev.holdfast.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.Store;
import dev.holdfast.store.StoreKey;
import dev.holdfast.store.StoredContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-through cache in front of an upstream {@link ModuleSource}, keeping what it fetched in a
 * {@link Store}, as the go command's {@code cachingRepo} keeps it in the module cache.
 *
 * <ul>
 *   <li>Immutable files — the {@code .info} of a canonical version, {@code .mod}, {@code .zip} — are
 *       fetched once and kept forever. Nothing is stored before the {@link Verifier} accepts it: a
 *       zip is downloaded into {@link Store#tempFile()}, checked, and only then put. Content read
 *       back from the store is checked again by this source's verifier (its go.sum may be newer).
 *   <li>{@code list} and {@code latest} answers are fresh for a time to live ({@link #withTtl},
 *       {@value #DEFAULT_TTL_SECONDS} s by default, measured with the injected clock). After that
 *       the upstream is asked again; if it fails transiently ({@link FetchErrors#isTransient}), the
 *       last answer (from memory, or from the store after a restart) is returned instead, marked
 *       {@link Answer.Stale} — {@link #listAnswer} and {@link #latestAnswer} show the mark, {@link
 *       #list} and {@link #latest} return just the value. Permanent failures are never hidden. While a
 *       stale answer is at hand, the upstream gets {@link #STALE_PATIENCE} (a {@link FetchScope}), not
 *       the whole retry budget, and none while its circuit breaker is open.
 *   <li>Single flight: however many threads ask for one key at once, the upstream sees one request;
 *       the others wait for its result.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class CachingSource implements ModuleSource {
    /** The default time to live of {@code list} and {@code latest} answers, in seconds. */
    public static final long DEFAULT_TTL_SECONDS = 60;

    /**
     * How long the upstream is given to refresh a {@code list} or {@code latest} answer when a stale one
     * could be served instead: enough for a few retries of a lossy link, not the whole retry budget.
     */
    static final Duration STALE_PATIENCE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(CachingSource.class);
    private static final int MAX_REMEMBERED_ANSWERS = 10_000;

    /**
     * A {@code list} or {@code latest} answer and how fresh it is.
     *
     * @param <T> the answer's type
     */
    public sealed interface Answer<T> {
        /** Returns the answer; never null. */
        T value();

        /** Reports whether the answer is an older one returned because the upstream failed. */
        default boolean isStale() {
            return this instanceof Stale;
        }

        /**
         * An answer the upstream gave within the time to live.
         *
         * @param fetched when it was fetched, by the source's clock
         */
        record Fresh<T>(T value, Instant fetched) implements Answer<T> {}

        /**
         * The last answer known, returned because asking the upstream again failed transiently.
         *
         * @param fetched when it was fetched; read from the store of an earlier process, when it was
         *     stored, or null when the store does not know
         * @param failure why the upstream could not be asked
         */
        record Stale<T>(T value, Instant fetched, IOException failure) implements Answer<T> {}
    }

    private final CacheStore store;
    private final ModuleSource upstream;
    private final Verifier verifier;
    private final Clock clock;
    private final Duration ttl;
    private final CacheFlights flights;
    private final boolean sharedAnswers;
    private final Cache<String, Answer.Fresh<?>> answers =
            Caffeine.newBuilder().maximumSize(MAX_REMEMBERED_ANSWERS).build();

    /** Returns a caching source with the default time to live. */
    public CachingSource(Store store, ModuleSource upstream, Verifier verifier, Clock clock) {
        this(store, upstream, verifier, clock, Duration.ofSeconds(DEFAULT_TTL_SECONDS), false, false);
    }

    private CachingSource(
            Store store,
            ModuleSource upstream,
            Verifier verifier,
            Clock clock,
            Duration ttl,
            boolean background,
            boolean sharedAnswers) {
        this.flights = new CacheFlights(background);
        this.sharedAnswers = sharedAnswers;
        this.store = new CacheStore(Objects.requireNonNull(store, "store"));
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /** Returns a copy (with nothing remembered in memory) whose list and latest answers live {@code ttl}. */
    public CachingSource withTtl(Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("negative time to live " + ttl);
        }
        return new CachingSource(store.store(), upstream, verifier, clock, ttl, flights.background(), sharedAnswers);
    }

    /**
     * Returns a copy (with nothing remembered in memory) that answers a {@code .mod} or {@code .info} it
     * fetched as soon as it is verified, and stores it in the background (a server, whose client should
     * not wait for the durable write); until stored, the file is served from the finished fetch, never
     * fetched twice. {@link #awaitCommits} waits for what is being stored.
     */
    public CachingSource withBackgroundCommits() {
        return new CachingSource(store.store(), upstream, verifier, clock, ttl, true, sharedAnswers);
    }

    /**
     * Returns a copy (with nothing remembered in memory) for a store that several instances share: a
     * {@code list} or {@code latest} answer it lacks in memory is taken from the store when another
     * instance stored it within the time to live (by the time the store gives it), so the instances
     * together ask the upstream about once per time to live. Only for stores that keep these answers
     * as they were put (a bucket), not for a module cache, whose {@code @v/list} the go command rewrites.
     */
    public CachingSource withSharedAnswers() {
        return new CachingSource(store.store(), upstream, verifier, clock, ttl, flights.background(), true);
    }

    /** Waits up to {@code timeout} for the background stores under way; reports whether all ended. */
    public boolean awaitCommits(Duration timeout) throws InterruptedException {
        return flights.awaitCommits(timeout);
    }

    @Override
    public List<String> list(String path) throws IOException {
        return listAnswer(path).value();
    }

    /** Returns the versions of {@code path} as {@link #list} does, marked fresh or stale. */
    public Answer<List<String>> listAnswer(String path) throws IOException {
        return refreshing(
                StoreKey.list(path), () -> upstream.list(path), CacheCodec::encodeList, CacheCodec::decodeList);
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        return latestAnswer(path).value();
    }

    /** Returns the latest version of {@code path} as {@link #latest} does, marked fresh or stale. */
    public Answer<RevInfo> latestAnswer(String path) throws IOException {
        return refreshing(
                StoreKey.latest(path), () -> upstream.latest(path), CacheCodec::encodeInfo, CacheCodec::decodeInfo);
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        if (!StoreKey.isCanonical(mv.version())) {
            // A query (branch, revision, non-canonical semver) may change: ask every time, but keep
            // the answer under the canonical version it resolved to, as cachingRepo.Stat does.
            return flights.run("query " + mv, () -> {
                RevInfo info = upstream.info(mv);
                if (StoreKey.isCanonical(info.version())) {
                    String key = StoreKey.info(new ModuleVersion(mv.path(), info.version()));
                    if (store.store().size(key).isEmpty()) {
                        store.putQuietly(key, CacheCodec.encodeInfo(info));
                    }
                }
                return info;
            });
        }
        String key = StoreKey.info(mv);
        Optional<RevInfo> stored = store.read(key).flatMap(CachingSource::decodeStoredInfo);
        if (stored.isPresent()) {
            return stored.get();
        }
        return flights.run(
                key,
                () -> {
                    LOG.debug("{}: not cached, asking {}", key, upstream.describe());
                    return upstream.info(mv);
                },
                info -> {
                    if (info.version().equals(mv.version())) {
                        store.putQuietly(key, CacheCodec.encodeInfo(info));
                    }
                });
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        String key = StoreKey.mod(mv);
        Optional<byte[]> stored = store.read(key);
        if (stored.isPresent()) {
            verifier.checkModHash(mv, stored.get()); // as go reads its cache: whoever parses it reports bad syntax
            return stored.get();
        }
        byte[] mod = flights.run(
                key,
                () -> {
                    LOG.debug("{}: not cached, asking {}", key, upstream.describe());
                    byte[] fetched = upstream.mod(mv);
                    verifier.checkMod(mv, fetched);
                    return fetched;
                },
                fetched -> store.put(key, fetched));
        return mod.clone();
    }

    /**
     * Copies the verified zip of {@code mv} into {@code target}, replacing what it held: from the
     * store (checked again by this source's verifier), or downloaded once from the upstream,
     * verified and stored first. On failure nothing unverified is stored and {@code target} is
     * emptied.
     */
    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        String key = StoreKey.zip(mv);
        try {
            if (store.copy(key, target)) {
                verifier.checkZip(mv, target.file());
                return;
            }
            Verifier.Checked downloaded =
                    flights.run(key, () -> store.store().size(key).isPresent() ? null : download(mv, key));
            if (!store.copy(key, target)) {
                throw new IOException(mv + ": zip missing from the store right after it was stored");
            }
            if (downloaded == null) {
                verifier.checkZip(mv, target.file()); // stored by someone else meanwhile
            }
        } catch (IOException | RuntimeException e) {
            target.reset();
            throw e;
        }
    }

    /**
     * Makes sure the verified zip of {@code mv} is in the store, downloading, verifying and storing
     * it once if it is not, without copying it anywhere (what {@code go mod download} needs).
     */
    public void fetchZip(ModuleVersion mv) throws IOException {
        String key = StoreKey.zip(mv);
        if (store.store().size(key).isEmpty()) {
            flights.run(key, () -> store.store().size(key).isPresent() ? null : download(mv, key));
        }
    }

    /**
     * Returns the verified zip of {@code mv} as the store holds it, downloading, verifying and storing
     * it once when the store lacks it; the caller closes it.
     */
    public StoredContent zipContent(ModuleVersion mv) throws IOException {
        for (int attempt = 1; ; attempt++) {
            fetchZip(mv);
            Optional<StoredContent> content = store.store().content(StoreKey.zip(mv));
            if (content.isPresent()) {
                return content.get();
            }
            // A bounded store may have evicted it in between: it is fetched again, once.
            if (attempt == 2) {
                throw new IOException(mv + ": zip missing from the store right after it was stored");
            }
        }
    }

    /**
     * Returns what the store holds under {@code key} without asking the upstream (a cache-only answer),
     * or empty; the caller closes it.
     */
    public Optional<StoredContent> stored(String key) throws IOException {
        return store.store().content(key);
    }

    /** Reports whether the store holds {@code key} already, so that answering it asks no upstream. */
    public boolean holds(String key) throws IOException {
        return store.store().size(key).isPresent();
    }

    /** Returns what is being fetched into the store right now (store keys, sorted), at most {@code max}. */
    public List<String> fillsInFlight(int max) {
        return flights.inFlight(max);
    }

    /** Returns what the store is, for status pages. */
    public String describeStore() {
        return store.store().describe();
    }

    @Override
    public String describe() {
        return "cache of " + upstream.describe();
    }

    /** Decodes a stored {@code .info}; one that cannot be read (say, from an old tool) is a miss. */
    private static Optional<RevInfo> decodeStoredInfo(byte[] data) {
        try {
            return Optional.of(CacheCodec.decodeInfo(data));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Downloads, verifies and stores the zip of {@code mv}; the temporary file never outlives it. */
    private Verifier.Checked download(ModuleVersion mv, String key) throws IOException {
        Path tmp = store.tempFile();
        try {
            LOG.debug("{}: not cached, downloading from {}", key, upstream.describe());
            upstream.zip(mv, new ZipTarget(tmp));
            Verifier.Checked checked = verifier.checkZip(mv, tmp);
            LOG.debug("{}: verified zip {} ({})", mv, checked.hash(), checked.verdict());
            store.putZip(key, tmp, checked.hash());
            return checked;
        } finally {
            Files.deleteIfExists(tmp); // already consumed by putZip unless something failed
        }
    }

    private <T> Answer<T> refreshing(
            String key, CacheFlights.Work<T> fetch, Function<T, byte[]> encode, Function<byte[], T> decode)
            throws IOException {
        @SuppressWarnings("unchecked")
        Answer.Fresh<T> last = (Answer.Fresh<T>) answers.getIfPresent(key);
        if (last != null && clock.instant().isBefore(last.fetched().plus(ttl))) {
            return last;
        }
        return flights.run(key, () -> {
            Optional<Answer.Fresh<T>> shared = sharedAnswers ? sharedFresh(key, decode) : Optional.empty();
            if (shared.isPresent()) {
                answers.put(key, shared.get());
                return shared.get();
            }
            try {
                LOG.debug("{}: {}, asking {}", key, last == null ? "not cached" : "expired", upstream.describe());
                boolean staleAtHand = last != null || store.store().size(key).isPresent();
                T value = staleAtHand
                        ? FetchScope.within(clock.instant().plus(STALE_PATIENCE), true, fetch::run)
                        : fetch.run();
                Answer.Fresh<T> fresh = new Answer.Fresh<>(value, clock.instant());
                answers.put(key, fresh);
                store.putQuietly(key, encode.apply(value));
                return fresh;
            } catch (IOException e) {
                if (!FetchErrors.isTransient(e)) {
                    throw e;
                }
                Optional<Answer<T>> stale = staleAnswer(key, last, decode, e);
                LOG.debug("{}: upstream failed ({}); stale answer: {}", key, e.toString(), stale.isPresent());
                return stale.orElseThrow(() -> e);
            }
        });
    }

    /** Returns the answer another instance stored under {@code key} within the time to live, if any. */
    private <T> Optional<Answer.Fresh<T>> sharedFresh(String key, Function<byte[], T> decode) {
        try {
            Optional<StoredContent> stored = store.store().content(key);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            try (StoredContent content = stored.get()) {
                Instant at = content.stored();
                Instant now = clock.instant();
                if (at.equals(Instant.EPOCH) || at.isAfter(now.plus(ttl)) || !now.isBefore(at.plus(ttl))) {
                    return Optional.empty();
                }
                LOG.debug("{}: fresh in the shared store (stored {})", key, at);
                return Optional.of(new Answer.Fresh<>(decode.apply(content.readAll()), at));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: could not read the shared answer: {}", key, e.toString());
            return Optional.empty();
        }
    }

    private <T> Optional<Answer<T>> staleAnswer(
            String key, Answer.Fresh<T> last, Function<byte[], T> decode, IOException failure) {
        if (last != null) {
            return Optional.of(new Answer.Stale<>(last.value(), last.fetched(), failure));
        }
        try {
            Optional<StoredContent> stored = store.store().content(key);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            try (StoredContent content = stored.get()) {
                Instant fetched = content.stored().equals(Instant.EPOCH) ? null : content.stored();
                return Optional.of(new Answer.Stale<>(decode.apply(content.readAll()), fetched, failure));
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            return Optional.empty();
        }
    }
}
