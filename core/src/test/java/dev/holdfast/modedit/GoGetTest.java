package dev.holdfast.modedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code go get M@V} on an in-memory repo. The expected go.mod files, go.sum entries, step-down messages
 * and changes were produced by the go command (go1.26, {@code go get -v}) on the same go.mod files served
 * from a {@code file://} proxy; only zip hashes differ (the repo's zips are fakes), so go.sum is compared
 * by its module and version columns.
 */
class GoGetTest {

    @TempDir
    Path tmp;

    /** m v1.0.0..v1.2.0; a v1.N requires m v1.N (a v1.2.0 retracts v1.1.0, a v1.0.0 also needs f v1.2.0);
     * b requires m v1.2.0; c requires d v1.1.0, which requires m v1.1.0; n v1.0.0 and x need each other. */
    private static MemoryRepo repo() {
        return new MemoryRepo()
                .module("example.com/m", "v1.0.0", List.of())
                .module("example.com/m", "v1.1.0", List.of())
                .module("example.com/m", "v1.2.0", List.of())
                .module("example.com/a", "v1.0.0", List.of("example.com/m@v1.0.0", "example.com/f@v1.2.0"))
                .module("example.com/a", "v1.1.0", List.of("example.com/m@v1.1.0"))
                .module("example.com/a", "v1.2.0", List.of("example.com/m@v1.2.0"), "v1.1.0")
                .module("example.com/b", "v1.0.0", List.of("example.com/m@v1.2.0"))
                .module("example.com/c", "v1.0.0", List.of("example.com/d@v1.1.0"))
                .module("example.com/d", "v1.0.0", List.of())
                .module("example.com/d", "v1.1.0", List.of("example.com/m@v1.1.0"))
                .module("example.com/f", "v1.1.0", List.of())
                .module("example.com/f", "v1.2.0", List.of())
                .module("example.com/x", "v1.0.0", List.of("example.com/n@v1.1.0"))
                .module("example.com/n", "v1.0.0", List.of("example.com/x@v1.0.0"))
                .module("example.com/n", "v1.1.0", List.of());
    }

    private GoGet load(String goMod) throws IOException {
        MemoryRepo repo = repo();
        Files.writeString(tmp.resolve("go.mod"), goMod);
        return GoGet.load(tmp, goMod.getBytes(StandardCharsets.UTF_8), null, repo, repo, () -> "1.26.8");
    }

    private static List<String> sumKeys(byte[] goSum) {
        return new String(goSum, StandardCharsets.UTF_8)
                .lines()
                .map(l -> l.substring(0, l.lastIndexOf(' ')))
                .toList();
    }

    private static List<String> changes(DowngradePlan plan) {
        return plan.changes().stream()
                .map(c -> c.kind().word() + " " + c.path() + " " + c.from() + " " + c.to())
                .toList();
    }

    @Test
    void plan_prunedMain_lowersSkipsRetractedRemovesAndAcceptsUpgrade() throws IOException {
        GoGet get = load("module example.com/main\n\ngo 1.17\n\nrequire (\n\texample.com/a v1.2.0\n"
                + "\texample.com/c v1.0.0\n\texample.com/f v1.1.0\n)\n\nrequire (\n"
                + "\texample.com/b v1.0.0 // indirect\n\texample.com/m v1.2.0 // indirect\n)\n");

        DowngradePlan plan = get.plan("example.com/m", "v1.0.0");

        assertThat(new String(plan.goMod(), StandardCharsets.UTF_8))
                .isEqualTo("module example.com/main\n\ngo 1.17\n\nrequire (\n\texample.com/a v1.0.0\n"
                        + "\texample.com/c v1.0.0\n\texample.com/f v1.2.0\n)\n\n"
                        + "require example.com/m v1.0.0 // indirect\n");
        assertThat(sumKeys(plan.goSum()))
                .containsExactly(
                        "example.com/a v1.0.0/go.mod",
                        "example.com/c v1.0.0/go.mod",
                        "example.com/f v1.2.0/go.mod",
                        "example.com/m v1.0.0",
                        "example.com/m v1.0.0/go.mod");
        assertThat(plan.notes())
                .containsExactly(
                        "example.com/a@v1.2.0 requires example.com/m@v1.2.0, but v1.0.0 is requested\n"
                                + "\ttrying example.com/a@v1.0.0",
                        "example.com/b@v1.0.0 requires example.com/m@v1.2.0, but v1.0.0 is requested\n"
                                + "\tremoving example.com/b@v1.0.0");
        assertThat(changes(plan))
                .containsExactly(
                        "lowered example.com/a v1.2.0 v1.0.0",
                        "removed example.com/b v1.0.0 none",
                        "raised example.com/f v1.1.0 v1.2.0",
                        "lowered example.com/m v1.2.0 v1.0.0");
        assertThat(plan.changes().get(2).reason()).isEqualTo("example.com/a@v1.0.0 requires example.com/f@v1.2.0");
        assertThat(plan.changes().get(2).chain())
                .containsExactly(
                        new ModuleVersion("example.com/a", "v1.0.0"), new ModuleVersion("example.com/f", "v1.2.0"));
    }

    @Test
    void plan_unprunedMain_followsPrunedEdgesAndKeepsMinimalRoots() throws IOException {
        GoGet get = load("module example.com/main\n\ngo 1.16\n\nrequire (\n\texample.com/a v1.2.0\n"
                + "\texample.com/b v1.0.0 // indirect\n\texample.com/c v1.0.0\n\texample.com/f v1.1.0\n)\n");

        DowngradePlan plan = get.plan("example.com/m", "v1.0.0");

        assertThat(new String(plan.goMod(), StandardCharsets.UTF_8))
                .isEqualTo("module example.com/main\n\ngo 1.16\n\nrequire (\n\texample.com/a v1.0.0\n"
                        + "\texample.com/d v1.0.0 // indirect\n\texample.com/f v1.2.0\n"
                        + "\texample.com/m v1.0.0 // indirect\n)\n");
        assertThat(sumKeys(plan.goSum()))
                .containsExactly(
                        "example.com/a v1.0.0/go.mod",
                        "example.com/d v1.0.0/go.mod",
                        "example.com/f v1.2.0/go.mod",
                        "example.com/m v1.0.0",
                        "example.com/m v1.0.0/go.mod");
        assertThat(plan.notes())
                .contains(
                        "example.com/c@v1.0.0 indirectly requires example.com/m@v1.1.0, but v1.0.0 is requested\n"
                                + "\tremoving example.com/c@v1.0.0",
                        "example.com/d@v1.1.0 requires example.com/m@v1.1.0, but v1.0.0 is requested\n"
                                + "\ttrying example.com/d@v1.0.0");
        assertThat(changes(plan))
                .containsExactly(
                        "lowered example.com/a v1.2.0 v1.0.0",
                        "removed example.com/b v1.0.0 none",
                        "removed example.com/c v1.0.0 none",
                        "lowered example.com/d v1.1.0 v1.0.0",
                        "raised example.com/f v1.1.0 v1.2.0",
                        "lowered example.com/m v1.2.0 v1.0.0");
    }

    @Test
    void plan_requestedVersionRequiresHigherSelf_conflictInGoGetsWords() throws IOException {
        GoGet get = load(
                "module example.com/main\n\ngo 1.17\n\nrequire (\n\texample.com/n v1.1.0\n\texample.com/x v1.0.0\n)\n");

        assertThatThrownBy(() -> get.plan("example.com/n", "v1.0.0"))
                .isInstanceOfSatisfying(ConstraintException.class, e -> assertThat(
                                e.conflicts().getFirst().summary())
                        .isEqualTo("example.com/n@v1.0.0 indirectly requires example.com/n@v1.1.0,"
                                + " but v1.0.0 is requested"))
                .hasMessage("example.com/n@v1.0.0 indirectly requires example.com/n@v1.1.0, not example.com/n@v1.0.0");
    }

    @Test
    void plan_existingGoSum_keepsOldLinesAndAddsZipOfChangedModuleItHad() throws IOException {
        String goMod = "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.2.0\n\n"
                + "require example.com/m v1.2.0 // indirect\n";
        Files.writeString(tmp.resolve("go.mod"), goMod);
        String goSum = "example.com/zz v1.0.0 h1:unrelated=\nexample.com/a v1.2.0 h1:zip-of-example.com-a-v1.2.0=\n";
        MemoryRepo repo = repo();
        GoGet get = GoGet.load(
                tmp,
                goMod.getBytes(StandardCharsets.UTF_8),
                goSum.getBytes(StandardCharsets.UTF_8),
                repo,
                repo,
                () -> "1.26.8");

        DowngradePlan plan = get.plan("example.com/m", "v1.1.0");

        // a moved from v1.2.0 (whose zip go.sum had) to v1.0.0: go get fetches the new zip too.
        assertThat(sumKeys(plan.goSum()))
                .containsExactly(
                        "example.com/a v1.0.0",
                        "example.com/a v1.0.0/go.mod",
                        "example.com/a v1.2.0",
                        "example.com/m v1.1.0",
                        "example.com/m v1.1.0/go.mod",
                        "example.com/zz v1.0.0");
    }

    @Test
    void downgrade_noVersion_highestAllowedReleaseBelow_elseRefused() throws IOException {
        GoGet get = load("module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.2.0\n\n"
                + "require example.com/m v1.2.0 // indirect\n");

        assertThat(get.defaultVersion("example.com/a")).isEqualTo("v1.0.0"); // v1.1.0 is retracted
        assertThat(get.defaultVersion("example.com/m")).isEqualTo("v1.1.0");
        assertThatThrownBy(() -> get.downgrade("example.com/m", "v1.2.0"))
                .hasMessage("example.com/m is already at v1.2.0");
        assertThatThrownBy(() -> get.downgrade("example.com/b", ""))
                .hasMessage("module example.com/b is not in the build list of example.com/main");
        assertThatThrownBy(() -> get.downgrade("example.com/main", "v1.0.0"))
                .hasMessage("can't downgrade the main module example.com/main");
    }

    @Test
    void plan_noGoLine_addsLocalGoVersionAndListsWholeBuildList() throws IOException {
        GoGet get = load("module example.com/main\n\nrequire example.com/a v1.1.0\n");

        DowngradePlan plan = get.plan("example.com/m", "v1.0.0");

        // The go line is added and the old build list (a, m) becomes explicit; f, new below a, does not.
        assertThat(new String(plan.goMod(), StandardCharsets.UTF_8))
                .isEqualTo("module example.com/main\n\ngo 1.26.8\n\nrequire example.com/a v1.0.0\n\n"
                        + "require example.com/m v1.0.0 // indirect\n");
    }

    @Test
    void plan_rootPackageImportsOtherModules_warnsThatThePlanMayMissRequirements() throws IOException {
        String goMod = "module example.com/main\n\ngo 1.17\n\nrequire example.com/m v1.2.0\n";
        Files.writeString(tmp.resolve("go.mod"), goMod);
        MemoryRepo repo = repo();
        ZipSource importing = mv -> new ZipSource.FetchedZip(repo.fetch(mv).hash(), true, List.of("example.com/q"));
        GoGet get = GoGet.load(tmp, goMod.getBytes(StandardCharsets.UTF_8), null, repo, importing, () -> "1.26.8");

        DowngradePlan plan = get.plan("example.com/m", "v1.0.0");

        assertThat(plan.notes())
                .containsExactly("warning: example.com/m@v1.0.0 imports packages of other modules (example.com/q); go"
                        + " get also loads those, which can add requirements to go.mod and hashes to go.sum that"
                        + " this plan does not show");
    }
}
