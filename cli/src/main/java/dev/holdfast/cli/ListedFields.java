package dev.holdfast.cli;

import dev.holdfast.fetch.RevInfo;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleListing;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The object {@code go list -m -json all} prints for one module (modload's {@code moduleInfo}), in its
 * field order: Path, Version, Replace, Time, Main, Indirect, Dir, GoMod, GoVersion, Error, Sum,
 * GoModSum. What comes from the module cache is filled as its {@code completeFromModCache} fills it:
 * Time from the version's {@code .info} (asked for through the sources like any query, so a missing one
 * is fetched or becomes Error), GoMod when the cached go.mod exists, Dir when the extracted tree is
 * complete, Sum and GoModSum when go.sum records exactly one {@code h1:} hash; go.mod files and trees
 * only where go.sum vouches for them under {@code -mod=readonly}. A replaced module takes Dir, GoMod and
 * GoVersion from its replacement and has no Time or sums of its own.
 */
final class ListedFields {
    /** Go's zero time, which a version whose {@code .info} has no time shows. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final ProjectGraph project;
    private final GoSum sums;
    private final boolean anySum;

    /**
     * @param sums the go.sum lines in force (a workspace's go.work.sum and modules' go.sum files together)
     * @param anySum whether go.sum need not vouch for what is read ({@code -mod=mod}, workspace mode)
     */
    ListedFields(ProjectGraph project, GoSum sums, boolean anySum) {
        this.project = project;
        this.sums = sums;
        this.anySum = anySum;
    }

    /** Returns the object for {@code listed}. */
    Map<String, Object> of(ModuleListing.Listed listed, Predicate<ModuleVersion> mayRead) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", listed.path());
        if (!listed.version().isEmpty()) {
            fields.put("Version", listed.version());
        }
        String goVersion = ModuleListing.goVersion(listed, project.loader(), mayRead);
        if (listed.main()) {
            fields.put("Main", true);
            Path dir = mainDir(listed.path());
            fields.put("Dir", dir.toString());
            fields.put("GoMod", dir.resolve("go.mod").toString());
            putIfAny(fields, "GoVersion", goVersion);
            return fields;
        }
        if (listed.replace().isPresent()) {
            ModuleVersion r = listed.replace().get();
            Map<String, Object> replace = new LinkedHashMap<>();
            replace.put("Path", r.path());
            if (r.version().isEmpty()) {
                Path dir = project.mains().replacementDir(r);
                replace.put("Dir", dir.toString());
                replace.put("GoMod", dir.resolve("go.mod").toString());
                putIfAny(replace, "GoVersion", goVersion);
            } else {
                replace.put("Version", r.version());
                fromCache(r).putInto(replace, null, goVersion);
            }
            fields.put("Replace", replace);
            if (listed.indirect()) {
                fields.put("Indirect", true);
            }
            copy(replace, fields, "Dir");
            copy(replace, fields, "GoMod");
            putIfAny(fields, "GoVersion", goVersion);
            return fields;
        }
        fromCache(new ModuleVersion(listed.path(), listed.version()))
                .putInto(fields, listed.indirect() ? true : null, goVersion);
        return fields;
    }

    /** What the module cache and go.sum say about a module version. */
    private record Cached(String time, String dir, String goMod, String error, String sum, String goModSum) {
        /** Puts the fields in Go's order; {@code indirect} (when not null) goes between Time and Dir. */
        void putInto(Map<String, Object> fields, Boolean indirect, String goVersion) {
            putIfAny(fields, "Time", time);
            if (indirect != null) {
                fields.put("Indirect", indirect);
            }
            putIfAny(fields, "Dir", dir);
            putIfAny(fields, "GoMod", goMod);
            putIfAny(fields, "GoVersion", goVersion);
            if (error != null) {
                fields.put("Error", Map.of("Err", error));
            }
            putIfAny(fields, "Sum", sum);
            putIfAny(fields, "GoModSum", goModSum);
        }
    }

    private Cached fromCache(ModuleVersion mv) {
        String time = null;
        String error = null;
        try {
            RevInfo info = project.stack().source().info(mv);
            time = info.formattedTime() == null ? ZERO_TIME : info.formattedTime();
        } catch (IOException | RuntimeException e) {
            error = ErrorReport.reason(e);
            String own = mv + ": ";
            if (error.startsWith(own + "module lookup disabled")) {
                error = error.substring(own.length()); // the go command's lookup says it bare (errLookupDisabled)
            }
        }
        DiskStore cache = project.stack().store();
        ModuleVersion goModKey = new ModuleVersion(mv.path(), mv.version() + "/go.mod");
        String goMod = null;
        String goModSum = null;
        if (anySum || recorded(goModKey) != null) {
            Path mod = cache.file(StoreKey.mod(mv));
            goMod = Files.isRegularFile(mod) ? mod.toString() : null;
            goModSum = recorded(goModKey);
        }
        String dir = null;
        String sum = null;
        if (anySum || recorded(mv) != null) {
            dir = cache.extractedDir(mv).map(Path::toString).orElse(null);
            sum = recorded(mv);
        }
        return new Cached(time, dir, goMod, error, sum, goModSum);
    }

    /** Returns the one {@code h1:} hash go.sum records for {@code mv}, or null for none or several (RecordedSum). */
    private String recorded(ModuleVersion mv) {
        List<String> h1 = sums.lookup(mv).stream()
                .filter(h -> h.startsWith("h1:"))
                .distinct()
                .toList();
        return h1.size() == 1 ? h1.getFirst() : null;
    }

    private Path mainDir(String path) {
        return switch (project.mains()) {
            case MainModule single -> single.dir();
            case Workspace ws ->
                ws.modules().stream()
                        .filter(m -> m.path().equals(path))
                        .findFirst()
                        .orElseThrow()
                        .dir();
        };
    }

    private static void putIfAny(Map<String, Object> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(name, value);
        }
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String name) {
        if (from.containsKey(name)) {
            to.put(name, from.get(name));
        }
    }
}
