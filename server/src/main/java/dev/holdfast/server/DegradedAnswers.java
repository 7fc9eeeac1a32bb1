package dev.holdfast.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code list} and {@code @latest} answers last served stale because every upstream failed, for
 * the status page. An entry goes away when a fresh answer is served for its key. Thread-safe.
 */
final class DegradedAnswers {
    /**
     * One stale answer.
     *
     * @param key the store key of the answer, for example {@code example.com/m/@v/list}
     * @param since when the answer served was fetched
     * @param reason why the upstreams could not be asked
     * @param lastServed when it was last served stale
     */
    record Entry(String key, Instant since, String reason, Instant lastServed) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    void stale(String key, Instant since, String reason, Instant now) {
        entries.put(key, new Entry(key, since, reason, now));
    }

    void fresh(String key) {
        entries.remove(key);
    }

    /** Returns the entries sorted by key. */
    List<Entry> entries() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparing(Entry::key));
        return list;
    }
}
