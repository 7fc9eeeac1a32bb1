package dev.holdfast.degraded;

import dev.holdfast.concurrent.Await;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ModuleRepo} that asks its delegate each question once and then gives the same answer,
 * success or failure, for the rest of its life. Re-resolving a graph after a substitution reads most
 * go.mod files again; with this view they come from memory, a version that failed is not tried (and
 * waited for) again, and a flapping upstream cannot make two passes of one run disagree about what
 * was available. Thread-safe; concurrent askers of one question share one call.
 */
public final class RememberingRepo implements ModuleRepo {
    private final ModuleRepo delegate;
    private final ConcurrentHashMap<String, CompletableFuture<Object>> answers = new ConcurrentHashMap<>();

    /** Returns a view of {@code delegate} that remembers every answer. */
    public RememberingRepo(ModuleRepo delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<String> versions(String path) throws IOException {
        return ask("versions " + path, () -> List.copyOf(delegate.versions(path)));
    }

    @Override
    public Revision latest(String path) throws IOException {
        return ask("latest " + path, () -> delegate.latest(path));
    }

    @Override
    public Revision stat(String path, String query) throws IOException {
        return ask("stat " + path + "@" + query, () -> delegate.stat(path, query));
    }

    @Override
    public byte[] goMod(ModuleVersion mv) throws IOException {
        byte[] data = ask("mod " + mv, () -> delegate.goMod(mv));
        return data.clone();
    }

    /** One question to the delegate. */
    @FunctionalInterface
    private interface Question<T> {
        T ask() throws IOException;
    }

    @SuppressWarnings("unchecked")
    private <T> T ask(String key, Question<T> question) throws IOException {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> theirs = answers.putIfAbsent(key, mine);
        if (theirs == null) {
            try {
                mine.complete(question.ask());
            } catch (InterruptedIOException e) {
                answers.remove(key, mine); // not an answer: the next asker tries again
                mine.completeExceptionally(e);
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
            }
            theirs = mine;
        }
        return (T) Await.result(theirs, "waiting for " + key);
    }
}
