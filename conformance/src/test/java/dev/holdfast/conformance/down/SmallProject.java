package dev.holdfast.conformance.down;

import dev.holdfast.conformance.universe.MainSpec;
import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small fixed universe for {@code down} and {@code bisect} command tests: {@code example.com/b} has
 * versions v1.0.0 to v1.4.0 (v1.4.0 retracts v1.1.0); {@code a} v1.2.0 requires b v1.2.0 and a v1.1.0
 * requires b v1.1.0; {@code c} v1.0.0 requires b v1.3.0. The main module (go 1.21) requires a v1.2.0, b
 * v1.4.0 and c v1.0.0. So lowering b to v1.0.0 lowers a to v1.0.0 and removes c.
 */
final class SmallProject {
    static final String A = "example.com/a";
    static final String B = "example.com/b";
    static final String C = "example.com/c";

    private SmallProject() {}

    /** Returns the universe; {@code replaceC} replaces c by a directory that is not there when true. */
    static Universe universe(boolean replaceC) {
        List<ModuleSpec> modules = new ArrayList<>();
        for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0")) {
            List<String> retracts = v.equals("v1.4.0") ? List.of("v1.1.0") : List.of();
            modules.add(new ModuleSpec(B, v, B, "1.17", List.of(), retracts, true));
        }
        modules.add(new ModuleSpec(A, "v1.0.0", A, "1.17", List.of(), List.of(), true));
        modules.add(new ModuleSpec(A, "v1.1.0", A, "1.17", List.of(mv(B, "v1.1.0")), List.of(), true));
        modules.add(new ModuleSpec(A, "v1.2.0", A, "1.17", List.of(mv(B, "v1.2.0")), List.of(), true));
        modules.add(new ModuleSpec(C, "v1.0.0", C, "1.17", List.of(mv(B, "v1.3.0")), List.of(), true));
        List<MainSpec.Require> requires = List.of(
                new MainSpec.Require(mv(A, "v1.2.0"), false),
                new MainSpec.Require(mv(B, "v1.4.0"), false),
                new MainSpec.Require(mv(C, "v1.0.0"), true));
        List<MainSpec.Replace> replaces =
                replaceC ? List.of(new MainSpec.Replace(C, "", "./missing/c", "")) : List.of();
        MainSpec main = new MainSpec("example.com/main", "1.21", null, requires, List.of(), replaces, Map.of());
        return new Universe(0, main, modules, Set.of());
    }

    private static ModuleVersion mv(String path, String version) {
        return new ModuleVersion(path, version);
    }
}
