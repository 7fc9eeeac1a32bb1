package dev.holdfast.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.InvalidPathException;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.Revision;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from the documentation of modload.Query and spec §11.1, on an in-memory repo. */
class VersionQueryTest {
    static final String P = "example.com/m";
    private static final AllowedVersions ALL = AllowedVersions.all();

    static String mod(String path, String extra) {
        return "module " + path + "\n\ngo 1.16\n" + extra;
    }

    /** v0.9.0, v1.0.0, v1.1.0-rc.1, v1.1.0, v1.2.0-pre (v1.1.0's go.mod retracts nothing). */
    private static MemoryRepo tags() {
        MemoryRepo repo = new MemoryRepo();
        for (String v : new String[] {"v0.9.0", "v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v1.2.0-pre"}) {
            repo.add(P, v, mod(P, ""));
        }
        return repo;
    }

    private static String query(MemoryRepo repo, String query, String current) throws IOException {
        return VersionQuery.of(repo).query(P, query, current, ALL).version();
    }

    @ParameterizedTest(name = "{0} from {1} = {2}")
    @CsvSource({
        "latest, none, v1.1.0",
        "upgrade, none, v1.1.0",
        "upgrade, v1.0.0, v1.1.0",
        "upgrade, v1.2.0-pre, v1.2.0-pre",
        "upgrade, v1.3.0, v1.3.0",
        "patch, v1.0.0, v1.0.0",
        "patch, v1.1.0-rc.1, v1.1.0",
        "v1, none, v1.1.0",
        "v1.1, none, v1.1.0",
        "v1.2, none, NO MATCH",
        "v0, none, v0.9.0",
        "<v1.1.0, none, v1.0.0",
        "<=v1.1.0, none, v1.1.0",
        ">v1.0.0, none, v1.1.0",
        ">=v1.1.0-rc.1, none, v1.1.0",
        ">v1.1.0, none, v1.2.0-pre",
        "<v0.9.0, none, NO MATCH",
        "v1.1.0-rc.1, none, v1.1.0-rc.1",
        "v1.0.0+build, none, v1.0.0",
    })
    void query_table(String query, String current, String want) throws IOException {
        MemoryRepo repo = tags();
        // upgrade/patch stay on the current version, which must therefore exist.
        repo.add(P, "v1.3.0", Instant.parse("2020-01-01T00:00:00Z"), mod(P, ""));
        if (want.equals("NO MATCH")) {
            assertThatThrownBy(() -> query(repo, query, current))
                    .isInstanceOf(QueryException.NoMatchingVersion.class)
                    .hasMessage("no matching versions for query \"" + query + "\"");
        } else {
            assertThat(query(repo, query, current)).isEqualTo(want);
        }
    }

    @Test
    void latest_withoutTags_usesTheSourcesLatest() throws IOException {
        String pseudo = "v0.0.0-20200101000000-0123456789ab";
        MemoryRepo repo = new MemoryRepo()
                .add(P, pseudo, Instant.parse("2020-01-01T00:00:00Z"), mod(P, ""))
                .list(P, pseudo, "v1", "1.0.0", "junk", "")
                .latest(P, pseudo);
        // Pseudo-versions and invalid lines are not candidates; "v1" is valid semver but has no .info.
        assertThatThrownBy(() -> query(repo, "latest", "none"))
                .isInstanceOf(UnknownModuleException.class)
                .hasMessageContaining("/@v/v1.info");
        repo.alias(P, "v1", pseudo);
        assertThat(query(repo, "latest", "none")).isEqualTo(pseudo);
    }

    @Test
    void latest_noVersionsAtAll_noMatchingVersions() {
        MemoryRepo repo = new MemoryRepo().list(P);
        assertThatThrownBy(() -> query(repo, "latest", "")).hasMessage("no matching versions for query \"latest\"");
        assertThat(new QueryException.NoMatchingVersion("upgrade", "v1.0.0"))
                .hasMessage("no matching versions for query \"upgrade\" (current version is v1.0.0)");
        assertThat(new QueryException.NoMatchingVersion("latest", "v1.0.0"))
                .hasMessage("no matching versions for query \"latest\"");
    }

    @Test
    void upgrade_fromPseudoVersion_neverGoesBackInTime() throws IOException {
        String newer = "v1.1.1-0.20230101000000-0123456789ab";
        String older = "v1.1.1-0.20190101000000-0123456789ab";
        MemoryRepo repo = tags().add(P, "v1.2.0", Instant.parse("2021-01-01T00:00:00Z"), mod(P, ""))
                .list(P, "v1.2.0")
                .add(P, newer, Instant.parse("2023-01-01T00:00:00Z"), mod(P, ""))
                .add(P, older, Instant.parse("2019-01-01T00:00:00Z"), mod(P, ""));
        assertThat(query(repo, "upgrade", newer)).isEqualTo(newer);
        assertThat(query(repo, "upgrade", older)).isEqualTo("v1.2.0");
        assertThat(query(repo, "latest", newer)).isEqualTo("v1.2.0");
    }

    @Test
    void patch_withoutCurrent_fails() {
        assertThatThrownBy(() -> query(tags(), "patch", "none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("can't query version \"patch\" of module example.com/m: no existing version is required");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<=v1.2 | ambiguous semantic version \"v1.2\" in range \"<=v1.2\"",
                ">v1 | ambiguous semantic version \"v1\" in range \">v1\"",
                ">=v1.x | invalid semantic version \"v1.x\" in range \">=v1.x\"",
                "< | invalid semantic version \"\" in range \"<\"",
            })
    void query_malformedRange_fails(String query, String message) {
        assertThatThrownBy(() -> query(tags(), query, "none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void query_malformedPath_failsBeforeAnyRead() {
        assertThatThrownBy(() -> VersionQuery.of(new MemoryRepo()).query("nodot/x", "latest", "", ALL))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("malformed module path \"nodot/x\": missing dot in first path element");
    }

    @Test
    void query_badCurrentOrStandardLibrary_fails() {
        VersionQuery vq = VersionQuery.of(tags());
        assertThatThrownBy(() -> vq.query(P, "upgrade", "master", ALL))
                .hasMessage("invalid previous version example.com/m@master");
        assertThatThrownBy(() -> vq.query("std", "latest", "", ALL))
                .hasMessage("can't query specific version (\"latest\") of standard-library module \"std\"");
    }

    @Test
    void revisionQuery_resolvesThroughTheSource() throws IOException {
        MemoryRepo repo = tags().alias(P, "main", "v1.1.0-rc.1");
        assertThat(query(repo, "main", "none")).isEqualTo("v1.1.0-rc.1");
        assertThatThrownBy(() -> query(repo, "nope", "none")).isInstanceOf(UnknownModuleException.class);
        assertThat(VersionQuery.isRevisionQuery("main")).isTrue();
        assertThat(VersionQuery.isRevisionQuery("v1.2.3")).isTrue();
        assertThat(VersionQuery.isRevisionQuery("v1.2")).isFalse();
        assertThat(VersionQuery.isRevisionQuery("<v1.2.3")).isFalse();
        assertThat(VersionQuery.isRevisionQuery("upgrade")).isFalse();
    }

    @Test
    void exactQuery_refusedVersion_failsWithTheReason() {
        MemoryRepo repo = tags();
        VersionQuery vq = VersionQuery.of(repo);
        AllowedVersions allowed = vq.allowed(Set.of(new ModuleVersion(P, "v1.0.0")));
        assertThatThrownBy(() -> vq.query(P, "v1.0.0", "none", allowed))
                .isInstanceOf(QueryException.Disallowed.class)
                .hasMessage("example.com/m@v1.0.0: excluded by go.mod");
    }

    @Test
    void latest_skipsExcludedAndRetracted() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .add(P, "v1.0.0", mod(P, ""))
                .add(P, "v1.1.0", mod(P, ""))
                .add(P, "v1.2.0", mod(P, "retract v1.2.0 // oops\n"));
        VersionQuery vq = VersionQuery.of(repo);
        assertThat(vq.query(P, "latest", "", vq.allowed(Set.of())).version()).isEqualTo("v1.1.0");
        AllowedVersions allowed = vq.allowed(Set.of(new ModuleVersion(P, "v1.1.0")));
        assertThat(vq.query(P, "latest", "", allowed).version()).isEqualTo("v1.0.0");
        assertThatThrownBy(() -> vq.query(P, "patch", "v1.2.0", allowed))
                .isInstanceOf(QueryException.Disallowed.class)
                .hasMessage("example.com/m@v1.2.0: retracted by module author: oops");
    }

    @Test
    void incompatible_droppedOnceACompatibleVersionHasAGoMod() throws IOException {
        MemoryRepo repo =
                new MemoryRepo().add(P, "v1.0.0", mod(P, "")).add(P, "v2.0.0+incompatible", "module " + P + "\n");
        assertThat(query(repo, "latest", "")).isEqualTo("v1.0.0");
        assertThat(query(repo, "v2", "")).isEqualTo("v2.0.0+incompatible");
        assertThat(query(repo, "upgrade", "v2.0.0+incompatible")).isEqualTo("v2.0.0+incompatible");
        MemoryRepo legacy = new MemoryRepo()
                .add(P, "v1.0.0", "module " + P + "\n")
                .add(P, "v2.0.0+incompatible", "module " + P + "\n");
        assertThat(query(legacy, "latest", "")).isEqualTo("v2.0.0+incompatible");
    }

    @Test
    void mainModule_upgradeAndPatch_areTheMainModule() throws IOException {
        VersionQuery vq = VersionQuery.of(new MemoryRepo()).withMainModules(Set.of(P));
        assertThat(vq.query(P, "upgrade", "", ALL)).isEqualTo(new Revision("", null));
        assertThat(vq.query(P, "patch", "", ALL)).isEqualTo(new Revision("", null));
    }

    @Test
    void replacements_addVersionsTheSourceLacks() throws IOException {
        MemoryRepo repo = tags();
        ModuleVersion missing = new ModuleVersion(P, "v1.9.0");
        VersionQuery vq = VersionQuery.of(repo).withReplacements(Map.of(missing, new ModuleVersion(P, "v1.0.0")));
        assertThat(vq.query(P, "latest", "", ALL).version()).isEqualTo("v1.9.0");
        assertThat(vq.query(P, "v1.9.0", "", ALL)).isEqualTo(new Revision("v1.9.0", null));
        assertThat(vq.versions(P, ALL))
                .containsExactly("v0.9.0", "v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v1.2.0-pre", "v1.9.0");
        // A replacement of all versions: a placeholder pseudo-version when the source has nothing.
        VersionQuery all = VersionQuery.of(new MemoryRepo())
                .withReplacements(Map.of(new ModuleVersion("example.com/gone", ""), new ModuleVersion(P, "v1.0.0")));
        assertThat(all.query("example.com/gone", "latest", "", ALL).version())
                .isEqualTo("v0.0.0-00010101000000-000000000000");
    }

    @Test
    void versions_sortedWithoutRefusedOnes() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .add(P, "v1.10.0", mod(P, "retract [v1.1.0, v1.2.0]\n"))
                .add(P, "v1.2.0", mod(P, ""))
                .add(P, "v1.1.0", mod(P, ""))
                .add(P, "v1.0.0", mod(P, ""))
                .list(P, "v1.0.0-20200101000000-0123456789ab", "bad");
        VersionQuery vq = VersionQuery.of(repo);
        Set<ModuleVersion> excludes = Set.of(new ModuleVersion(P, "v1.0.0"));
        assertThat(vq.versions(P, ALL)).containsExactly("v1.0.0", "v1.1.0", "v1.2.0", "v1.10.0");
        assertThat(vq.versions(P, vq.allowed(excludes))).containsExactly("v1.10.0");
        assertThat(vq.versions(P, AllowedVersions.notExcluded(excludes)))
                .containsExactly("v1.1.0", "v1.2.0", "v1.10.0");
    }

    @Test
    void versions_retractionsUnreadable_fails() {
        MemoryRepo repo = new MemoryRepo().add(P, "v1.0.0", mod(P, "")).add(P, "v1.1.0", null);
        VersionQuery vq = VersionQuery.of(repo);
        assertThatThrownBy(() -> vq.versions(P, vq.allowed(Set.of())))
                .hasMessage(
                        "loading module retractions for example.com/m@v1.0.0: reading mem://example.com/m/@v/v1.1.0.mod:"
                                + " 404 Not Found");
    }

    @Test
    void query_retractionsUnreadable_actsAsIfNothingWereRetracted() throws IOException {
        MemoryRepo repo = new MemoryRepo().add(P, "v1.0.0", mod(P, "")).add(P, "v1.1.0", null);
        VersionQuery vq = VersionQuery.of(repo);
        assertThat(vq.query(P, "latest", "", vq.allowed(Set.of())).version()).isEqualTo("v1.1.0");
    }

    @Test
    void previousVersion_skipsRefusedVersions() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .add(P, "v1.0.0", mod(P, ""))
                .add(P, "v1.1.0", mod(P, ""))
                .add(P, "v1.2.0", mod(P, ""))
                .add(P, "v1.3.0", mod(P, "retract v1.2.0\n"));
        VersionQuery vq = VersionQuery.of(repo).withMainModules(Set.of("example.com/main"));
        AllowedVersions allowed = vq.allowed(Set.of(new ModuleVersion(P, "v1.1.0")));
        assertThat(vq.previousVersion(new ModuleVersion(P, "v1.3.0"), allowed))
                .isEqualTo(new ModuleVersion(P, "v1.0.0"));
        assertThat(vq.previousVersion(new ModuleVersion(P, "v1.3.0-0.20200101000000-0123456789ab"), allowed))
                .isEqualTo(new ModuleVersion(P, "v1.0.0"));
        assertThat(vq.previousVersion(new ModuleVersion(P, "v1.0.0"), allowed)).isEqualTo(new ModuleVersion(P, "none"));
        assertThat(vq.previousVersion(new ModuleVersion("example.com/unknown", "v1.0.0"), allowed))
                .isEqualTo(new ModuleVersion("example.com/unknown", "none"));
        assertThat(vq.previousVersion(new ModuleVersion("example.com/main", ""), allowed))
                .isEqualTo(new ModuleVersion("example.com/main", "none"));
    }

    @Test
    void stepDown_putsTheOriginalVersionBack() throws IOException {
        MemoryRepo repo = tags();
        VersionQuery vq = VersionQuery.of(repo);
        String original = "v1.0.1-0.20200101000000-0123456789ab"; // unlisted, between v1.0.0 and v1.1.0-rc.1
        assertThat(vq.stepDown(new ModuleVersion(P, "v1.1.0"), original, ALL))
                .isEqualTo(new ModuleVersion(P, "v1.1.0-rc.1"));
        assertThat(vq.stepDown(new ModuleVersion(P, "v1.1.0-rc.1"), original, ALL))
                .isEqualTo(new ModuleVersion(P, original));
        assertThat(vq.stepDown(new ModuleVersion(P, original), original, ALL))
                .isEqualTo(new ModuleVersion(P, "v1.0.0"));
        assertThat(vq.stepDown(new ModuleVersion(P, "v1.0.0"), "v1.0.0", ALL))
                .isEqualTo(new ModuleVersion(P, "v0.9.0"));
        // A module the source does not know ends the sequence, but not before the original version.
        ModuleVersion unknown = new ModuleVersion("example.com/unknown", "v1.2.0");
        assertThat(vq.stepDown(unknown, "v1.1.0", ALL)).isEqualTo(new ModuleVersion("example.com/unknown", "v1.1.0"));
        assertThat(vq.stepDown(unknown, "none", ALL)).isEqualTo(new ModuleVersion("example.com/unknown", "none"));
    }
}
