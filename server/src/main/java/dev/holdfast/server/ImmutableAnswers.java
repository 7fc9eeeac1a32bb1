package dev.holdfast.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Keeps the answers for {@code .info} and {@code .mod} files in memory, by raw request path, once
 * they are known to be immutable: a module version's go.mod, and the {@code .info} of a canonical
 * version (the answers sent with {@link ZipReply#IMMUTABLE}). Such an answer never changes, and
 * answering it again from the store costs more than the HTTP exchange itself (checking the module
 * path twice, opening and reading a small file, decoding and encoding JSON). Zips, version lists,
 * {@code @latest}, queries and errors are never kept. Bounded by {@value #MAX_BYTES} bytes of bodies
 * and paths. Thread-safe.
 */
final class ImmutableAnswers {
    /** The most body and path bytes kept. */
    static final long MAX_BYTES = 16 << 20;

    /**
     * One kept answer.
     *
     * @param request the parsed request, for metrics
     * @param reply the answer
     */
    record Kept(ProxyRequest request, Reply reply) {}

    private final Cache<String, Kept> answers = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String path, Kept kept) -> (int) Math.min(
                    Integer.MAX_VALUE, path.length() + kept.reply().body().length() + 256))
            .build();

    /** Returns the kept answer for {@code rawPath}, or null. */
    Kept get(String rawPath) {
        return answers.getIfPresent(rawPath);
    }

    /** Keeps {@code reply} for {@code rawPath} if it is an immutable {@code .info} or {@code .mod} answer. */
    void offer(String rawPath, ProxyRequest request, Reply reply) {
        boolean kind = request instanceof ProxyRequest.Info || request instanceof ProxyRequest.Mod;
        if (kind
                && reply.status() == 200
                && reply.body() instanceof Reply.Bytes
                && ZipReply.IMMUTABLE.equals(reply.headers().get("Cache-Control"))) {
            answers.put(rawPath, new Kept(request, reply));
        }
    }
}
