package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TxtarTest {
    @Test
    void parse_commentAndFiles() {
        Txtar archive = Txtar.parse("module example.com/a\n-- .mod --\nmodule example.com/a\n-- a.go --\npackage a");

        assertThat(archive.comment()).isEqualTo("module example.com/a\n");
        assertThat(archive.files())
                .containsExactly(
                        new Txtar.File(".mod", "module example.com/a\n"), new Txtar.File("a.go", "package a\n"));
    }

    @Test
    void parse_markerNeedsNameAndBothDashes() {
        Txtar archive = Txtar.parse("--  --\n-- x\n--x --\n-- f --\n-- not a marker\n");

        assertThat(archive.comment()).isEqualTo("--  --\n-- x\n--x --\n");
        assertThat(archive.files()).containsExactly(new Txtar.File("f", "-- not a marker\n"));
    }

    @Test
    void parse_emptyFilesAndNoTrailingNewline() {
        Txtar archive = Txtar.parse("-- a --\n-- b --");

        assertThat(archive.comment()).isEmpty();
        assertThat(archive.files()).containsExactly(new Txtar.File("a", ""), new Txtar.File("b", ""));
        assertThat(archive.file("b")).isNotNull();
        assertThat(archive.file("c")).isNull();
    }
}
