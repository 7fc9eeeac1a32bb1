package dev.holdfast.conformance.query;

import dev.holdfast.semver.Semver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The version queries the checks ask about each module: every kind modload.Query knows. */
final class Queries {
    /** Queries that do not depend on the module's versions. */
    private static final List<String> FIXED = List.of(
            "latest",
            "upgrade",
            "patch",
            "v0",
            "v1",
            "v2",
            "v3",
            "v0.0",
            "v1.0",
            "v1.1",
            "v2.0",
            "<v1.0.0",
            "<=v1.0.0",
            ">v1.0.0",
            ">=v1.0.0",
            ">=v1",
            "<v1",
            "<v2",
            ">v0.0.0",
            ">=v2.0.0",
            "<v3.0.0+incompatible",
            "<=v1.2",
            ">v1",
            ">=v1.x",
            "<=",
            "master",
            "0123456789ab",
            "=v1",
            "V1.0.0",
            "v1.0.0+meta",
            "none",
            "v1.0.0-");

    /** The most versions of one module that get their own exact and range queries. */
    private static final int PER_MODULE = 6;

    private Queries() {}

    /** Returns {@code path@query} arguments for a module whose versions include {@code versions}. */
    static List<String> forModule(String path, List<String> versions, Random random) {
        List<String> queries = new ArrayList<>();
        for (String q : FIXED) {
            queries.add(path + "@" + q);
        }
        List<String> some = new ArrayList<>(versions);
        Collections.shuffle(some, random);
        for (String v : some.subList(0, Math.min(PER_MODULE, some.size()))) {
            for (String op : new String[] {"", "<", "<=", ">", ">="}) {
                queries.add(path + "@" + op + v);
            }
            if (Semver.build(v).isEmpty()) {
                queries.add(path + "@" + v + "+build.1");
            }
            String prefix = Semver.majorMinor(v);
            if (!prefix.isEmpty()) {
                queries.add(path + "@" + prefix);
            }
        }
        return queries;
    }

    /** Returns queries of the main module and of malformed or unknown module paths. */
    static List<String> extras(String mainPath) {
        return List.of(
                mainPath + "@upgrade",
                mainPath + "@patch",
                mainPath + "@latest",
                "nodot/x@latest",
                "nodot/x@v1.2",
                "nodot/x@v1.2.3",
                "Example.com/upper@latest",
                "example.com/a//b@latest",
                "example.com/unknown/module@latest",
                "example.com/unknown/module@v1.0.0",
                "example.com/unknown/module@v1",
                "std@latest",
                "example.com/x/v1@latest");
    }
}
