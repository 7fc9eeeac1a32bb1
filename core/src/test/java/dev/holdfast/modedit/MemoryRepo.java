package dev.holdfast.modedit;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.GoModMapRepo;
import java.io.IOException;
import java.util.List;

/**
 * A {@link GoModMapRepo} over go.mod texts held in memory, listing every version it has, with a fake zip
 * source whose hashes name the module version. Thread-safe.
 */
final class MemoryRepo extends GoModMapRepo implements ZipSource {

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
        put(path, version, b.toString());
        return this;
    }

    @Override
    public FetchedZip fetch(ModuleVersion mv) throws IOException {
        goMod(mv); // unknown versions fail as the proxy would
        return new FetchedZip("h1:zip-of-" + mv.path().replace('/', '-') + "-" + mv.version() + "=", true);
    }
}
