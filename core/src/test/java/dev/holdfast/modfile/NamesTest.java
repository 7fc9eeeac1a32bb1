package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void equalNames_comeBackAsOneInstance() {
        String a = new String("example.com/names/a".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String b = new String("example.com/names/a".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(a).isNotSameAs(b);

        assertThat(Names.intern(b)).isSameAs(Names.intern(a)).isEqualTo("example.com/names/a");
    }

    @Test
    void requirementsOfTwoParses_shareTheirNames() {
        byte[] goMod = "module m\n\nrequire example.com/names/b v1.2.3\n".getBytes(StandardCharsets.UTF_8);
        GoModFile one = GoModFile.parseLax("go.mod", goMod, null);
        GoModFile two = GoModFile.parseLax("go.mod", goMod, null);

        assertThat(two.requires().getFirst().path())
                .isSameAs(one.requires().getFirst().path());
        assertThat(two.requires().getFirst().version())
                .isSameAs(one.requires().getFirst().version());
    }
}
