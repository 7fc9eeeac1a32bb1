package dev.holdfast.conformance.zip;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Module source trees for the conformance tests: hand-written odd cases and seeded random ones. */
public final class ModuleTrees {
    static final int MIB16 = 16 << 20;

    private ModuleTrees() {}

    /** A module version and the files of its source tree. */
    public record Tree(
            ModuleVersion mv, Map<String, byte[]> files, Map<String, String> symlinks, List<String> emptyDirs) {
        Tree(ModuleVersion mv) {
            this(mv, new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
        }

        Tree file(String path, String content) {
            files.put(path, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Tree file(String path, byte[] content) {
            files.put(path, content);
            return this;
        }

        /** Returns the go.mod the proxy serves: the tree's own, or the go command's synthesized one. */
        public byte[] mod() {
            byte[] own = files.get("go.mod");
            return own != null ? own : ("module " + mv.path() + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /** Writes the tree under dir. */
        public Path write(Path dir) throws IOException {
            Files.createDirectories(dir);
            for (var f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            for (var l : symlinks.entrySet()) {
                Path p = dir.resolve(l.getKey());
                Files.createDirectories(p.getParent());
                Files.createSymbolicLink(p, Path.of(l.getValue()));
            }
            for (String d : emptyDirs) {
                Files.createDirectories(dir.resolve(d));
            }
            return dir;
        }
    }

    private static ModuleVersion mv(String name) {
        return new ModuleVersion("example.com/zc/" + name, "v1.0.0");
    }

    private static String goMod(ModuleVersion mv, String go) {
        return "module " + mv.path() + "\n" + (go == null ? "" : "\ngo " + go + "\n");
    }

    /** The hand-written trees. */
    public static List<Tree> fixed() {
        List<Tree> trees = new ArrayList<>();
        Tree odd = new Tree(mv("odd"));
        odd.file("go.mod", goMod(odd.mv(), "1.22"))
                .file("a b.txt", "space")
                .file("!#$%&()+,-.=@[]^_{}~.txt", "punctuation")
                .file("-dash.go", "package odd\n")
                .file(".hidden", "dot file")
                .file(".hg_archival.txt", "repo: x\n")
                .file("x/.hg_archival.txt", "kept below the root\n")
                .file("~tilde~1.txt", "tilde")
                .file("empty.txt", "");
        odd.symlinks().put("link.go", "-dash.go");
        odd.emptyDirs().add("nothing/here");
        odd.files().put(".git/HEAD", "ref: refs/heads/main\n".getBytes(StandardCharsets.UTF_8));
        odd.files().put(".svn/entries", new byte[] {1, 2, 3});
        trees.add(odd);

        Tree unicode = new Tree(mv("unicode"));
        unicode.file("go.mod", goMod(unicode.mv(), "1.21"))
                .file("\u00e9/\u00f1and\u00fa.txt", "é")
                .file("\u65e5\u672c/\u8a9e.go", "package x\n")
                .file("\u03a9mega.txt", "omega")
                .file("\u0436/\u04162.txt", "zhe")
                .file("stra\u00dfe.txt", "sharp s")
                .file("\u212a-kelvin.txt", "kelvin alone is fine");
        trees.add(unicode);

        Tree cases = new Tree(mv("casedirs"));
        cases.file("go.mod", goMod(cases.mv(), "1.24"))
                .file("A/File.go", "package a\n")
                .file("b/file.go", "package b\n")
                .file("c/FILE.txt", "C")
                .file("d/file.txt", "d")
                .file("E/\u00c9t\u00e9.txt", "upper")
                .file("f/\u00e9t\u00e9.txt", "lower");
        trees.add(cases);

        for (String go : new String[] {"1.23", "1.24", null}) {
            String name = go == null ? "vendornogo" : "vendor" + go.replace(".", "");
            Tree v = new Tree(mv(name));
            v.file("go.mod", goMod(v.mv(), go))
                    .file("src.go", "package v\n")
                    .file("vendor/modules.txt", "# example.com/x v1.0.0\n")
                    .file("vendor/example.com/x/x.go", "package x\n")
                    .file("vendor/x.go", "package vendor\n")
                    .file("pkg/vendor/vendor.go", "package vendor\n")
                    .file("pkg/vendor/foo/foo.go", "package foo\n")
                    .file("a/vendor/b/vendor/c.go", "package vendor\n");
            trees.add(v);
        }

        Tree nested = new Tree(mv("nested"));
        nested.file("go.mod", goMod(nested.mv(), "1.24"))
                .file("a.go", "package nested\n")
                .file("LICENSE", "license text\n")
                .file("sub/go.mod", "module example.com/zc/nested/sub\n")
                .file("sub/s.go", "package sub\n")
                .file("sub/deep/x.go", "package deep\n")
                .file("sub/LICENSE", "sub license\n")
                .file("other/GO.MOD", "module example.com/zc/nested/other\n")
                .file("other/o.go", "package other\n")
                .file("third/go.mod/x.txt", "go.mod is a directory here, so not a module\n");
        trees.add(nested);

        Tree noMod = new Tree(mv("nomod"));
        noMod.file("a.go", "package nomod\n").file("LICENSE", "MIT\n");
        trees.add(noMod);

        Tree v2 = new Tree(new ModuleVersion("example.com/zc/major/v2", "v2.1.0"));
        v2.file("go.mod", goMod(v2.mv(), "1.20")).file("v.go", "package major\n");
        trees.add(v2);

        Tree inc = new Tree(new ModuleVersion("example.com/zc/inc", "v2.0.0+incompatible"));
        inc.file("inc.go", "package inc\n");
        trees.add(inc);

        Tree pseudo = new Tree(new ModuleVersion("example.com/zc/pseudo", "v0.0.0-20240101000000-abcdefabcdef"));
        pseudo.file("go.mod", goMod(pseudo.mv(), "1.24")).file("p.go", "package pseudo\n");
        trees.add(pseudo);

        Tree pre = new Tree(new ModuleVersion("example.com/zc/pre", "v1.2.3-rc.1"));
        pre.file("go.mod", goMod(pre.mv(), null)).file("p.go", "package pre\n");
        trees.add(pre);
        return trees;
    }

    /** A module whose go.mod and LICENSE are exactly 16 MiB, the largest the go command accepts. */
    static Tree big() {
        Tree big = new Tree(mv("big16"));
        big.file("go.mod", padded(goMod(big.mv(), "1.24"), MIB16, "// padding\n"));
        big.file("LICENSE", padded("Permission is granted.\n", MIB16, "x"));
        big.file("big.go", "package big\n");
        return big;
    }

    /** A module whose go.mod (or LICENSE) is one byte over the limit. */
    static Tree oneOver(String file) {
        Tree t = new Tree(mv("over" + file.toLowerCase(Locale.ROOT).replace(".", "")));
        byte[] goMod = goMod(t.mv(), "1.24").getBytes(StandardCharsets.UTF_8);
        t.file(
                "go.mod",
                file.equals("go.mod") ? padded(new String(goMod, StandardCharsets.UTF_8), MIB16 + 1, "// p\n") : goMod);
        if (file.equals("LICENSE")) {
            t.file("LICENSE", padded("", MIB16 + 1, "y"));
        }
        return t;
    }

    static byte[] padded(String head, int size, String unit) {
        StringBuilder b = new StringBuilder(size).append(head);
        while (b.length() + unit.length() <= size) {
            b.append(unit);
        }
        while (b.length() < size) {
            b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final String FIRST = "xyzXYZ_-~019\u00e9\u00c9\u00fc\u0436\u0416\u65e5\u672c\u011f";
    private static final String MIDDLE = FIRST + "abcdefghijklmnopqrstuvwABCDEFGHIJKLMNOPQRSTUVW .!#$%&()+,=@[]^{}";
    private static final String LAST = FIRST + "abcdefgh";
    private static final String[] GO_VERSIONS = {null, "1.16", "1.21", "1.23", "1.24", "1.25.1"};

    /** A random but valid module tree: names never collide under case folding. */
    public static Tree random(long seed) {
        Random r = new Random(seed);
        Tree t = new Tree(mv("rand" + seed));
        String go = GO_VERSIONS[r.nextInt(GO_VERSIONS.length)];
        if (go != null || r.nextBoolean()) {
            t.file("go.mod", goMod(t.mv(), go));
        }
        Set<String> folded = new HashSet<>();
        folded.add("go.mod");
        List<String> dirs = new ArrayList<>(List.of(""));
        int files = 3 + r.nextInt(30);
        for (int i = 0; i < files; i++) {
            String dir = dirs.get(r.nextInt(dirs.size()));
            if (r.nextInt(4) == 0 && dir.split("/").length < 4) {
                String sub = dir + element(r) + "/";
                if (!claim(folded, sub)) {
                    continue;
                }
                dirs.add(sub);
                dir = sub;
            }
            String path = dir + element(r);
            if (claim(folded, path)) {
                t.file(path, content(r));
            }
        }
        if (r.nextInt(3) == 0) {
            t.file("vendor/modules.txt", "# vendored\n").file("vendor/example.com/v/v.go", "package v\n");
            t.file("pkg/vendor/keep.go", "package vendor\n");
        }
        if (r.nextInt(3) == 0) {
            t.file("nested/go.mod", "module example.com/zc/nested" + seed + "\n")
                    .file("nested/n.go", "package n\n");
        }
        if (r.nextInt(4) == 0) {
            t.file(".hg_archival.txt", "node: 0\n");
        }
        return t;
    }

    /**
     * Records a path (a directory ends in "/") under a case-folded key; false if a file or directory of
     * that folded name exists. Parents are always claimed first, so one level is enough.
     */
    private static boolean claim(Set<String> folded, String path) {
        String key = path.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        String name = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        if (folded.contains(name) || folded.contains(name + "/")) {
            return false;
        }
        folded.add(key);
        return true;
    }

    private static String element(Random r) {
        int len = 1 + r.nextInt(12);
        StringBuilder b = new StringBuilder();
        b.appendCodePoint(
                FIRST.codePointAt(FIRST.offsetByCodePoints(0, r.nextInt(FIRST.codePointCount(0, FIRST.length())))));
        for (int i = 1; i < len - 1; i++) {
            b.appendCodePoint(MIDDLE.codePointAt(
                    MIDDLE.offsetByCodePoints(0, r.nextInt(MIDDLE.codePointCount(0, MIDDLE.length())))));
        }
        if (len > 1) {
            b.appendCodePoint(
                    LAST.codePointAt(LAST.offsetByCodePoints(0, r.nextInt(LAST.codePointCount(0, LAST.length())))));
        }
        return b.toString();
    }

    private static byte[] content(Random r) {
        byte[] data = new byte[r.nextInt(4) == 0 ? r.nextInt(20_000) : r.nextInt(200)];
        if (r.nextBoolean()) {
            r.nextBytes(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) "package x // text\n".charAt(i % 18);
            }
        }
        return data;
    }
}
