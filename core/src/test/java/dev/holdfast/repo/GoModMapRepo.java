package dev.holdfast.repo;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test {@link ModuleRepo} over go.mod texts held in memory: it lists every version it holds, has no
 * {@code @latest}, and knows a revision only by its exact version. Thread-safe. The packages' own test
 * fakes extend it with builders for the go.mod files their tests need.
 */
public class GoModMapRepo implements ModuleRepo {
    private final Map<ModuleVersion, String> goMods = new ConcurrentHashMap<>();

    /** Holds {@code goMod} as the go.mod of {@code path@version}. */
    protected final void put(String path, String version, String goMod) {
        goMods.put(new ModuleVersion(path, version), goMod);
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
}
