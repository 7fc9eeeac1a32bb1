package dev.holdfast.query;

import static dev.holdfast.query.VersionQueryTest.P;
import static dev.holdfast.query.VersionQueryTest.mod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allow rules of CheckAllowed, CheckExclusions and modget's checkAllowedOr (spec §10.7). */
class AllowedVersionsTest {
    private static final ModuleVersion V100 = new ModuleVersion(P, "v1.0.0");
    private static final ModuleVersion V110 = new ModuleVersion(P, "v1.1.0");
    private static final ModuleVersion V120 = new ModuleVersion(P, "v1.2.0");

    /** v1.0.0 is excluded by the main module, v1.1.0 retracted by v1.2.0's go.mod. */
    private static VersionQuery query() {
        return VersionQuery.of(new MemoryRepo()
                .add(P, "v1.0.0", mod(P, ""))
                .add(P, "v1.1.0", mod(P, ""))
                .add(P, "v1.2.0", mod(P, "retract v1.1.0 // bad\n")));
    }

    @Test
    void notExcluded_refusesOnlyExcludes() {
        AllowedVersions a = AllowedVersions.notExcluded(Set.of(V100));
        assertThatThrownBy(() -> a.check(V100))
                .isInstanceOfSatisfying(QueryException.Disallowed.class, e -> assertThat(e.excluded())
                        .isTrue())
                .hasMessage("example.com/m@v1.0.0: excluded by go.mod");
        assertThatCode(() -> a.check(V110)).doesNotThrowAnyException();
    }

    @Test
    void notExcludedOrRetracted_refusesBoth() {
        VersionQuery vq = query();
        AllowedVersions a = vq.allowed(Set.of(V100));
        assertThatThrownBy(() -> a.check(V100)).hasMessage("example.com/m@v1.0.0: excluded by go.mod");
        assertThatThrownBy(() -> a.check(V110)).hasMessage("example.com/m@v1.1.0: retracted by module author: bad");
        assertThatCode(() -> a.check(V120)).doesNotThrowAnyException();
        assertThatCode(() -> AllowedVersions.all().check(V100)).doesNotThrowAnyException();
    }

    @Test
    void forGet_exactlyRequestedVersion_onlyExcludesApply() throws IOException {
        VersionQuery vq = query();
        Set<ModuleVersion> excludes = Set.of(V100);
        AllowedVersions retracted = AllowedVersions.forGet("v1.1.0", p -> "none", excludes, vq.notices());
        assertThat(vq.query(P, "v1.1.0", "none", retracted).version()).isEqualTo("v1.1.0");
        AllowedVersions excluded = AllowedVersions.forGet("v1.0.0", p -> "none", excludes, vq.notices());
        assertThatThrownBy(() -> vq.query(P, "v1.0.0", "none", excluded))
                .hasMessage("example.com/m@v1.0.0: excluded by go.mod");
    }

    @Test
    void forGet_upgradeAndPatch_keepTheSelectedVersion() throws IOException {
        VersionQuery vq = query();
        Map<String, String> selected = Map.of(P, "v1.1.0");
        AllowedVersions patch = AllowedVersions.forGet("patch", selected::get, Set.of(), vq.notices());
        // v1.1.0 is retracted, but it is what is selected: patch stays there instead of failing.
        assertThat(vq.query(P, "patch", "v1.1.0", patch).version()).isEqualTo("v1.1.0");
        assertThatThrownBy(() -> vq.query(P, "patch", "v1.1.0", vq.allowed(Set.of())))
                .hasMessage("example.com/m@v1.1.0: retracted by module author: bad");
        AllowedVersions latest = AllowedVersions.forGet("latest", selected::get, Set.of(), vq.notices());
        assertThatThrownBy(() -> latest.check(V110)).isInstanceOf(QueryException.Disallowed.class);
    }
}
