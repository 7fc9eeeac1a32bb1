package dev.holdfast.modedit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportScanTest {

    @Test
    void scan_groupsSinglesAliasesAndComments_keepsOnlyOtherModules() {
        String source = "// Package x.\npackage x\n\nimport \"fmt\"\nimport q \"example.com/q/v2\"\n"
                + "import (\n\t\"strings\"\n\t_ \"example.com/a/sub\" // side effects\n"
                + "\t/* \"example.com/commented\" */\n\t. `example.com/b`\n\t\"C\"\n)\n\nfunc F() {}\n";

        assertThat(ImportScan.scan(source)).containsExactly("example.com/a/sub", "example.com/b", "example.com/q/v2");
    }

    @Test
    void scan_noImports_empty() {
        assertThat(ImportScan.scan(List.of("package x\n\nconst Version = \"v1.0.0\"\n", "package x\n")))
                .isEmpty();
    }
}
