package dev.holdfast.conformance.zip;

import static dev.holdfast.conformance.zip.RawZip.crc;
import static dev.holdfast.conformance.zip.RawZip.deflate;
import static dev.holdfast.conformance.zip.RawZip.utf8;

import dev.holdfast.module.ModuleVersion;
import java.util.List;
import java.util.function.Function;

/** Module zips that break one rule each, for the zip and dirhash conformance tests. */
public final class BadZips {
    private static final int MIB16 = 16 << 20;

    private BadZips() {}

    /** A bad zip: its module version and its bytes (built from the prefix {@code path@version/}). */
    public record Case(String name, Function<String, byte[]> build) {

        /** Returns the module version the zip claims to be. */
        public ModuleVersion mv() {
            return new ModuleVersion("example.com/zb/" + name, "v1.0.0");
        }

        /** Returns the entry name prefix {@code path@version/}. */
        public String prefix() {
            return mv().path() + "@" + mv().version() + "/";
        }

        /** Returns the zip file bytes. */
        public byte[] zip() {
            return build.apply(prefix());
        }
    }

    private static RawZip base(String prefix) {
        return new RawZip()
                .deflated(prefix + "go.mod", utf8("module example.com/zb\n"))
                .deflated(prefix + "ok.go", utf8("package ok\n"));
    }

    private static RawZip.Entry declared(String name, long size) {
        return new RawZip.Entry(utf8(name), 0, new byte[0], 0, size, 0);
    }

    private static Case raw(String name, Function<String, RawZip> build) {
        return new Case(name, p -> build.apply(p).bytes());
    }

    /** Returns every bad zip case. */
    public static List<Case> cases() {
        byte[] x = utf8("package x\n");
        byte[] bigGoMod = ModuleTrees.padded("module example.com/zb/gomodbig\n", MIB16 + 1, "// p\n");
        byte[] bigLicense = ModuleTrees.padded("", MIB16 + 1, "z");
        byte[] bomb = new byte[1 << 20];
        return List.of(
                raw("traversal", p -> base(p).deflated(p + "../evil.go", x)),
                raw("traversal2", p -> base(p).deflated(p + "a/../../evil.go", x)),
                raw("absolute", p -> base(p).deflated("/etc/evil.go", x)),
                raw("doubleslash", p -> base(p).deflated(p + "/abs.go", x)),
                raw("notclean", p -> base(p).deflated(p + "a/./b.go", x)),
                raw("duplicate", p -> base(p).deflated(p + "a.go", x).deflated(p + "a.go", x)),
                raw("filedir", p -> base(p).deflated(p + "d", x).deflated(p + "d/x.go", x)),
                raw("filedirentry", p -> base(p).deflated(p + "d", x).stored(p + "d/", new byte[0])),
                raw("casefold", p -> base(p).deflated(p + "a.go", x).deflated(p + "A.go", x)),
                raw("casefolddir", p -> base(p).deflated(p + "Dir/a.go", x).deflated(p + "dir/b.go", x)),
                raw("casefoldunicode", p -> base(p).deflated(p + "\u00e9.go", x).deflated(p + "\u00c9.go", x)),
                raw("kelvin", p -> base(p).deflated(p + "k.go", x).deflated(p + "\u212a.go", x)),
                raw("gomodsub", p -> base(p).deflated(p + "sub/go.mod", utf8("module example.com/zb/x/sub\n"))),
                raw("gomodupper", p -> new RawZip().deflated(p + "GO.MOD", utf8("module example.com/zb/gomodupper\n"))),
                raw("gomodupper2", p -> base(p).deflated(p + "Go.Mod", x)),
                raw("wrongprefix", p -> base(p).deflated("example.com/other@v1.0.0/a.go", x)),
                raw("wrongversion", p -> base(p).deflated("example.com/zb/wrongversion@v1.0.1/a.go", x)),
                raw("badchar", p -> base(p).deflated(p + "a:b.go", x)),
                raw("backslash", p -> base(p).deflated(p + "a\\b.go", x)),
                raw("windowsname", p -> base(p).deflated(p + "con.go", x)),
                raw("trailingdot", p -> base(p).deflated(p + "x.", x)),
                raw("zerowidth", p -> base(p).deflated(p + "a\u200b.go", x)),
                raw("badutf8", p -> base(p).add(new RawZip.Entry(
                        concat(utf8(p), new byte[] {'a', (byte) 0xff, '.', 'g', 'o'}),
                        8,
                        deflate(x),
                        crc(x),
                        x.length,
                        0))),
                raw("gomodbig", p -> new RawZip().deflated(p + "go.mod", bigGoMod)),
                raw("licensebig", p -> base(p).deflated(p + "LICENSE", bigLicense)),
                raw("totalbig", p -> base(p).add(declared(p + "a", 300L << 20)).add(declared(p + "b", 300L << 20))),
                raw("bomb", p -> base(p).add(new RawZip.Entry(utf8(p + "bomb"), 8, deflate(bomb), crc(bomb), 10, 0))),
                raw("shortdata", p -> base(p).add(new RawZip.Entry(utf8(p + "short"), 0, x, crc(x), x.length + 5L, 0))),
                raw("badcrc", p -> base(p).add(new RawZip.Entry(utf8(p + "crc"), 0, x, 42, x.length, 0))),
                new Case("notazip", p -> utf8("this is not a zip file")));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
