package dev.holdfast.degraded;

import static dev.holdfast.degraded.World.mv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.modload.MainModule;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubstitutingResolverTest {
    private static final String A = "example.com/a";
    private static final String B = "example.com/b";
    private static final String C = "example.com/c";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** a v1.1.0..v1.3.0 (v1.2.0 requires b v1.1.0, v1.3.0 requires b v1.2.0), b v1.0.0..v1.2.0, c v1.0.0..v1.1.0. */
    private World world() {
        return new World(dir)
                .serve(A, "v1.1.0", B + "@v1.0.0")
                .serve(A, "v1.2.0", B + "@v1.1.0")
                .serve(A, "v1.3.0", B + "@v1.2.0")
                .serve(B, "v1.0.0")
                .serve(B, "v1.1.0")
                .serve(B, "v1.2.0")
                .serve(C, "v1.0.0")
                .serve(C, "v1.1.0");
    }

    private MainModule project() {
        return World.project(
                dir.resolve("app"), World.goMod("example.com/app", A + "@v1.2.0", B + "@v1.1.0", C + "@v1.1.0"));
    }

    private Resolution resolve(World w, boolean allowDegraded, List<ModuleVersion> fetched) throws IOException {
        return new SubstitutingResolver(new RememberingRepo(w), w.cached(), allowDegraded, CLOCK)
                .resolve(project(), w.zips(fetched));
    }

    private static Map<String, String> subs(Resolution r) {
        Map<String, String> out = new TreeMap<>();
        r.substitutions()
                .forEach(s -> out.put(
                        s.path() + "@" + s.wanted(), s.used() + " " + s.need().word()));
        return out;
    }

    @Test
    void resolve_everythingReachable_exactVersionsNoSubstitutes() throws Exception {
        List<ModuleVersion> fetched = new ArrayList<>();
        Resolution r = resolve(world(), false, fetched);

        assertThat(r.complete()).isTrue();
        assertThat(r.degraded()).isFalse();
        assertThat(r.zips()).containsExactly(mv(A, "v1.2.0"), mv(B, "v1.1.0"), mv(C, "v1.1.0"));
        assertThat(fetched).containsExactlyInAnyOrderElementsOf(r.zips());
    }

    @Test
    void resolve_outageExactVersionCached_usedAsIs() throws Exception {
        World w = world().outage(A, "v1.2.0").cache(A, "v1.2.0", true);

        Resolution r = resolve(w, false, new ArrayList<>());

        assertThat(r.complete()).isTrue();
        assertThat(r.degraded()).isFalse();
    }

    @Test
    void resolve_outageDegradedOff_unavailableWithSuggestion() throws Exception {
        World w = world().outage(A, "v1.2.0").outage(C, "v1.1.0").cache(A, "v1.3.0", true);
        List<ModuleVersion> fetched = new ArrayList<>();

        Resolution r = resolve(w, false, fetched);

        assertThat(r.complete()).isFalse();
        assertThat(r.substitutions()).isEmpty();
        assertThat(fetched)
                .as("a version whose go.mod the outage kept away is not asked for again as a zip")
                .doesNotContain(mv(A, "v1.2.0"), mv(C, "v1.1.0"));
        assertThat(r.unavailable()).extracting(Unavailable::module).containsExactly(mv(A, "v1.2.0"), mv(C, "v1.1.0"));
        assertThat(r.unavailable().get(0).message())
                .startsWith("example.com/a@v1.2.0: ")
                .endsWith("(the module cache has v1.3.0)");
        assertThat(r.unavailable().get(1).cached()).isEmpty();
    }

    @Test
    void resolve_outageDegraded_substitutesAndReResolvesTheSubstitutesRequirements() throws Exception {
        // a v1.3.0 stands in for a v1.2.0 and requires b v1.2.0 (cached); b v1.1.0, the project's own
        // requirement, cannot be had either, but needs no substitute once the overlay raises it to the
        // b v1.2.0 the graph selects; c v1.1.0 has only a lower cached version.
        World w = world().outage(A, "v1.2.0")
                .outage(B, "v1.1.0")
                .outage(C, "v1.1.0")
                .cache(A, "v1.1.0", true)
                .cache(A, "v1.3.0", true)
                .cache(B, "v1.0.0", true)
                .cache(B, "v1.2.0", true)
                .cache(C, "v1.0.0", true);

        Resolution r = resolve(w, true, new ArrayList<>());

        assertThat(r.complete()).as(r.unavailable().toString()).isTrue();
        assertThat(subs(r))
                .containsExactlyEntriesOf(
                        new TreeMap<>(Map.of(A + "@v1.2.0", "v1.3.0 zip", C + "@v1.1.0", "v1.0.0 zip")));
        assertThat(r.zips()).containsExactly(mv(A, "v1.3.0"), mv(B, "v1.2.0"), mv(C, "v1.0.0"));
        assertThat(r.graph().selected(B)).isEqualTo("v1.2.0");
        assertThat(r.main().goMod().requires())
                .extracting(dev.holdfast.modfile.GoModFile.Require::module)
                .contains(mv(B, "v1.2.0"));
        assertThat(OverlayFiles.raised(project(), r.graph().requirements()))
                .containsExactly(new OverlayRecord.Raise(B, "v1.1.0", "v1.2.0"));
        assertThat(r.substitutions())
                .allMatch(s -> s.time().equals(CLOCK.instant()) && s.reason().contains("refused"));
    }

    @Test
    void resolve_substituteWithoutZip_replacedByOneWithZip() throws Exception {
        // a v1.3.0 has only its go.mod cached: good enough for the graph, not for the build.
        World w = world().outage(A, "v1.2.0")
                .cache(A, "v1.3.0", false)
                .outage(A, "v1.3.0")
                .cache(A, "v1.1.0", true)
                .cache(B, "v1.0.0", true);

        Resolution r = resolve(w, true, new ArrayList<>());

        assertThat(r.complete()).as(r.unavailable().toString()).isTrue();
        assertThat(subs(r)).containsEntry(A + "@v1.2.0", "v1.1.0 zip");
        assertThat(r.zips()).contains(mv(A, "v1.1.0"));
    }

    @Test
    void resolve_zipOutageOnly_substitutesForTheZip() throws Exception {
        World w = world().zipOutage(C, "v1.1.0").cache(C, "v1.0.0", true);

        Resolution r = resolve(w, true, new ArrayList<>());

        assertThat(r.complete()).isTrue();
        assertThat(subs(r)).containsExactlyEntriesOf(Map.of(C + "@v1.1.0", "v1.0.0 zip"));
    }

    @Test
    void resolve_noUsableCachedVersion_unavailableAndEveryModuleNamed() throws Exception {
        World w = world().outage(A, "v1.2.0").outage(C, "v1.1.0").cache(B, "v1.0.0", true);

        Resolution r = resolve(w, true, new ArrayList<>());

        assertThat(r.complete()).isFalse();
        assertThat(r.unavailable()).extracting(Unavailable::module).containsExactly(mv(A, "v1.2.0"), mv(C, "v1.1.0"));
    }

    @Test
    void resolve_notFoundIsNeverSubstituted() throws Exception {
        World w = new World(dir)
                .serve(A, "v1.3.0")
                .serve(B, "v1.1.0")
                .serve(C, "v1.1.0")
                .cache(A, "v1.3.0", true);

        assertThatThrownBy(() -> resolve(w, true, new ArrayList<>()))
                .isInstanceOf(BuildListError.class)
                .hasMessageContaining("example.com/a@v1.2.0")
                .hasRootCauseInstanceOf(ModuleNotFoundException.class);
    }

    @Test
    void resolve_zipNotFound_isAFailureNotASubstitution() throws Exception {
        World w = world();
        SubstitutingResolver.ZipFetcher zips = modules -> {
            Map<ModuleVersion, Exception> failed = new java.util.HashMap<>();
            modules.forEach(m -> failed.put(m, new ModuleNotFoundException(m + ": 404 Not Found")));
            return failed;
        };
        Resolution r =
                new SubstitutingResolver(new RememberingRepo(w), w.cached(), true, CLOCK).resolve(project(), zips);

        assertThat(r.complete()).isFalse();
        assertThat(r.substitutions()).isEmpty();
        assertThat(r.failures()).hasSize(3);
    }
}
