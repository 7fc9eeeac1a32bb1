package dev.holdfast.modedit;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ModuleRepo} over go.mod texts held in memory, listing every version it has, with a fake zip
 * source whose hashes name the module version. Thread-safe.
 */
final class MemoryRepo implements ModuleRepo, ZipSource {
    private final Map<ModuleVersion, String> goMods = new ConcurrentHashMap<>();

    /**
     * Adds {@code path@version}: a go 1.17 module requiring {@code reqs} (written {@code path@version})
     * and retracting {@code retracts}; returns this.
     */
    MemoryRepo module(String path, String version, List<String> reqs, String... retracts) {
        StringBuilder b = new StringBuilder("module " + path + "\n\ngo 1.17\n");
        if (!reqs.isEmpty()) {
            b.append("\nrequire (\n");
            for (String r : reqs) {
                b.append('\t').append(r.replace('@', ' ')).append('\n');
            }
            b.append(")\n");
        }
        for (String r : retracts) {
            b.append("\nretract ").append(r).append('\n');
        }
        goMods.put(new ModuleVersion(path, version), b.toString());
        return this;
    }

    @Override
    public List<String> versions(String path) {
        List<String> versions = new ArrayList<>();
        goMods.keySet().stream().filter(m -> m.path().equals(path)).forEach(m -> versions.add(m.version()));
        return versions;
    }

    @Override
    public Revision latest(String path) throws IOException {
        throw new UnknownModuleException(path + ": no latest");
    }

    @Override
    public Revision stat(String path, String query) throws IOException {
        if (!goMods.containsKey(new ModuleVersion(path, query))) {
            throw new UnknownModuleException(path + "@" + query + ": unknown revision " + query);
        }
        return new Revision(query, null);
    }

    @Override
    public byte[] goMod(ModuleVersion mv) throws IOException {
        String text = goMods.get(mv);
        if (text == null) {
            throw new UnknownModuleException(
                    "reading memory:///" + mv.path() + "/@v/" + mv.version() + ".mod: not found");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public FetchedZip fetch(ModuleVersion mv) throws IOException {
        goMod(mv); // unknown versions fail as the proxy would
        return new FetchedZip("h1:zip-of-" + mv.path().replace('/', '-') + "-" + mv.version() + "=", true);
    }
}
