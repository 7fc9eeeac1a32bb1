package dev.holdfast.conformance.drift;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The module world the drift tests share, and a tidy project over it that each test then breaks. */
final class Fixtures {
    private Fixtures() {}

    /** The main module's go.mod before tidying. */
    static final String MAIN_GO_MOD = "module example.com/main\n\ngo 1.21\n";

    /** The main module's package: imports a and c (whose test imports t). */
    static final String MAIN_GO = DriftWorld.source("main", "example.com/a", "example.com/c") + "\nfunc main() {}\n";

    /**
     * Returns a world with these modules: b v1.0.0 and v1.1.0; a v1.0.0 and v1.1.0 importing b (v1.0.0 and
     * v1.1.0 of it); c v1.0.0 whose test imports t v1.0.0; e v1.0.0; r v1.0.0 and v1.1.0, which retracts
     * v1.0.0; d v1.0.0, deprecated; p v1.2.0, v1.2.3 and v1.3.0; bfork v1.0.0, a fork of b.
     */
    static DriftWorld world(Path root) throws IOException {
        DriftWorld w = new DriftWorld(root);
        w.simple("example.com/b", "v1.0.0", "");
        w.simple("example.com/b", "v1.1.0", "");
        w.simple("example.com/a", "v1.0.0", "\texample.com/b v1.0.0\n", "example.com/b");
        w.simple("example.com/a", "v1.1.0", "\texample.com/b v1.1.0\n", "example.com/b");
        w.simple("example.com/t", "v1.0.0", "");
        w.module(
                "example.com/c",
                "v1.0.0",
                "module example.com/c\n\ngo 1.21\n\nrequire example.com/t v1.0.0\n",
                Map.of("c.go", DriftWorld.source("c"), "c_test.go", DriftWorld.source("c", "example.com/t")));
        w.simple("example.com/e", "v1.0.0", "");
        w.simple("example.com/r", "v1.0.0", "");
        w.module(
                "example.com/r",
                "v1.1.0",
                "module example.com/r\n\ngo 1.21\n\nretract v1.0.0 // broken release\n",
                Map.of("r.go", DriftWorld.source("r")));
        w.module(
                "example.com/d",
                "v1.0.0",
                "// Deprecated: use example.com/b instead.\nmodule example.com/d\n\ngo 1.21\n",
                Map.of("d.go", DriftWorld.source("d")));
        w.simple("example.com/p", "v1.2.0", "");
        w.simple("example.com/p", "v1.2.3", "");
        w.simple("example.com/p", "v1.3.0", "");
        w.module(
                "example.com/bfork",
                "v1.0.0",
                "module example.com/bfork\n\ngo 1.21\n",
                Map.of("b.go", DriftWorld.source("b")));
        return w;
    }

    /** Writes the main module and tidies it with the go command: a at v1.1.0 and c direct, b and t indirect. */
    static DriftWorld tidyProject(DriftWorld w) throws IOException {
        w.write("go.mod", MAIN_GO_MOD).write("main.go", MAIN_GO);
        w.goMod("get", "example.com/a@v1.1.0", "example.com/c@v1.0.0").checkSuccess();
        w.goMod("mod", "tidy").checkSuccess();
        w.goMod("mod", "download", "all").checkSuccess();
        return w;
    }
}
