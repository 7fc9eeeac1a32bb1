package dev.holdfast.modedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Requirements;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.VersionQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * editRequirements on its own (spec §10.7): the cases whose outcome the go command's source states
 * directly, and one step-down chain whose roots and messages were produced by {@code go get -v} (go1.26) on
 * the same go.mod files. The full {@code go get} flow against recorded go command output is in {@link
 * GoGetTest}.
 */
class RequirementEditorTest {

    @TempDir
    Path tmp;

    private static final MemoryRepo REPO = new MemoryRepo()
            .module("example.com/m", "v1.0.0", List.of())
            .module("example.com/m", "v1.1.0", List.of())
            .module("example.com/a", "v1.0.0", List.of())
            .module("example.com/a", "v1.1.0", List.of("example.com/m@v1.1.0"))
            .module("example.com/up", "v1.0.0", List.of("example.com/a@v1.0.0"))
            .module("example.com/up", "v1.1.0", List.of("example.com/a@v1.1.0"));

    private ModuleLoader loader(String requires) {
        String goMod = "module example.com/main\n\ngo 1.17\n\nrequire (\n" + requires + ")\n";
        MainModule main = MainModule.parse(tmp, tmp, goMod.getBytes(StandardCharsets.UTF_8), null);
        return new ModuleLoader(main, REPO);
    }

    private static RequirementEditor editor(ModuleLoader loader, List<RequirementEditor.StepDown> steps) {
        VersionQuery query = VersionQuery.of(REPO);
        return new RequirementEditor(
                loader,
                m -> query.previousVersion(m, query.allowed(loader.main().excludes())),
                steps::add);
    }

    @Test
    void edit_twoVersionsOfOnePath_conflictSaysTheHigherIsAbove() {
        ModuleLoader loader = loader("\texample.com/m v1.1.0\n");
        Requirements rs = loader.main().requirementsFromGoMod();

        assertThatThrownBy(() -> editor(loader, new ArrayList<>())
                        .edit(rs, List.of(), List.of(mv("example.com/m", "v1.0.0"), mv("example.com/m", "v1.1.0"))))
                .isInstanceOf(ConstraintException.class)
                .hasMessage("version constraints conflict:\n\texample.com/m@v1.1.0 is above v1.0.0");
    }

    @Test
    void edit_alreadySelected_returnsTheOriginalUnchanged() throws IOException {
        ModuleLoader loader = loader("\texample.com/a v1.1.0\n\texample.com/m v1.1.0 // indirect\n");
        Requirements rs = loader.main().requirementsFromGoMod();

        RequirementEditor.Edit edit =
                editor(loader, new ArrayList<>()).edit(rs, List.of(), List.of(mv("example.com/m", "v1.1.0")));

        assertThat(edit.changed()).isFalse();
        assertThat(edit.requirements()).isSameAs(rs);
    }

    @Test
    void edit_rootRequiringTooMuch_stepsDownOneVersionAtATime() throws IOException {
        ModuleLoader loader =
                loader("\texample.com/a v1.1.0\n\texample.com/m v1.1.0 // indirect\n\texample.com/up v1.1.0\n");
        Requirements rs = loader.main().requirementsFromGoMod();
        List<RequirementEditor.StepDown> steps = new ArrayList<>();

        RequirementEditor.Edit edit = editor(loader, steps).edit(rs, List.of(), List.of(mv("example.com/m", "v1.0.0")));

        assertThat(edit.changed()).isTrue();
        assertThat(edit.requirements().roots())
                .containsExactly(
                        mv("example.com/a", "v1.0.0"),
                        mv("example.com/m", "v1.0.0"),
                        mv("example.com/up", "v1.0.0"),
                        mv("go", "1.17"));
        // up@v1.1.0 leads to the conflict only through the root a, so it is stepped down as well.
        assertThat(steps.stream().map(RequirementEditor.StepDown::describe))
                .containsExactly(
                        "example.com/a@v1.1.0 requires example.com/m@v1.1.0, but v1.0.0 is requested\n"
                                + "\ttrying example.com/a@v1.0.0",
                        "example.com/up@v1.1.0 indirectly requires example.com/m@v1.1.0, but v1.0.0 is requested\n"
                                + "\ttrying example.com/up@v1.0.0");
    }

    private static ModuleVersion mv(String path, String version) {
        return new ModuleVersion(path, version);
    }
}
