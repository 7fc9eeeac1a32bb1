package dev.holdfast.cli;

import dev.holdfast.drift.Drift;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repo over a caching source that remembers which modules' version lookups (list, latest) it answered
 * from the cache because the upstream failed, so that drift can say so instead of presenting old lists
 * as fresh. Thread-safe.
 */
final class StaleWatchingRepo implements ModuleRepo, Drift.StaleLookups {
    private final CachingSource source;
    private final ModuleRepo repo;
    private final Map<String, IOException> stale = new ConcurrentHashMap<>();

    StaleWatchingRepo(CachingSource source) {
        this.source = source;
        this.repo = SourceRepo.of(source);
    }

    @Override
    public List<String> versions(String path) throws IOException {
        return watched(path, source.listAnswer(path)).value();
    }

    @Override
    public Revision latest(String path) throws IOException {
        CachingSource.Answer<RevInfo> answer = watched(path, source.latestAnswer(path));
        return new Revision(answer.value().version(), answer.value().time());
    }

    @Override
    public Revision stat(String path, String query) throws IOException {
        return repo.stat(path, query);
    }

    @Override
    public byte[] goMod(ModuleVersion mv) throws IOException {
        return repo.goMod(mv);
    }

    @Override
    public Optional<IOException> staleBecause(String path) {
        return Optional.ofNullable(stale.get(path));
    }

    private <T> CachingSource.Answer<T> watched(String path, CachingSource.Answer<T> answer) {
        if (answer instanceof CachingSource.Answer.Stale<T> s) {
            stale.putIfAbsent(path, s.failure());
        }
        return answer;
    }
}
