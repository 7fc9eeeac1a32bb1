package dev.holdfast.mvs;

import static dev.holdfast.mvs.MvsScript.module;
import static dev.holdfast.mvs.MvsScript.modules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages as errors.go's BuildListError.Error composes them. */
class BuildListErrorTest {

    private static final IOException BOOM = new IOException("boom");

    @Test
    void message_chainWithoutUnversionedTarget() {
        BuildListError e = new BuildListError(BOOM, modules(List.of("A", "B1", "C1")), null);

        assertThat(e).hasMessage("B@1 requires\n\tC@1: boom").hasCause(BOOM);
        assertThat(e.module()).isEqualTo(module("C1"));
        assertThat(e.path()).containsExactlyElementsOf(modules(List.of("A", "B1", "C1")));
    }

    @Test
    void message_versionedTargetShown() {
        BuildListError e = new BuildListError(BOOM, modules(List.of("A1", "B1")), null);

        assertThat(e).hasMessage("A@1 requires\n\tB@1: boom");
    }

    @Test
    void message_versionChangeStep() {
        BuildListError e = new BuildListError(
                BOOM, modules(List.of("A", "B1", "B2", "C1")), (from, to) -> from.equals(module("B1")));

        assertThat(e).hasMessage("B@1 updating to\n\tB@2 requires\n\tC@1: boom");
    }

    @Test
    void message_onlyUnversionedModules() {
        assertThat(new BuildListError(BOOM, modules(List.of("A")), null)).hasMessage("boom");
    }

    @Test
    void message_unversionedModuleAfterVersionedOne() {
        // Only leading modules without a version are dropped; Go's ModuleError says "module P".
        BuildListError e = new BuildListError(BOOM, modules(List.of("A1", "B")), null);

        assertThat(e).hasMessage("A@1 requires\n\tmodule B: boom");
    }

    @Test
    void message_causeAlreadyNamesModule() {
        BuildListError e = new BuildListError(new IOException("C@1: boom"), modules(List.of("A", "B1", "C1")), null);

        assertThat(e).hasMessage("B@1 requires\n\tC@1: boom");
    }

    @Test
    void message_invalidVersionOfSameModule() {
        ModuleVersion c = new ModuleVersion("example.com/c", "v1.0.0");
        InvalidVersionException cause = new InvalidVersionException("example.com/c", "v1.0.0", false, "bad go.mod");

        BuildListError e = new BuildListError(cause, List.of(new ModuleVersion("example.com/a", ""), c), null);

        assertThat(e).hasMessage("example.com/c@v1.0.0: invalid version: bad go.mod");
    }

    @Test
    void message_invalidVersionOfReplacement() {
        ModuleVersion c = new ModuleVersion("example.com/c", "v1.0.0");
        InvalidVersionException cause = new InvalidVersionException("example.com/d", "v1.2.0", false, "bad go.mod");

        BuildListError e = new BuildListError(cause, List.of(new ModuleVersion("example.com/a", ""), c), null);

        assertThat(e)
                .hasMessage("example.com/c@v1.0.0 (replaced by example.com/d@v1.2.0): "
                        + "version \"v1.2.0\" invalid: bad go.mod");
    }

    @Test
    void constructor_emptyPath() {
        assertThatThrownBy(() -> new BuildListError(BOOM, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
