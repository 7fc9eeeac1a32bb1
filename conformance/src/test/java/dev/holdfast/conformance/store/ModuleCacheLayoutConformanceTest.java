package dev.holdfast.conformance.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module cache Holdfast writes ({@link CachingSource} over a {@link DiskStore}) against the one
 * {@code go mod download} writes from the same {@code file://} proxy: the same files and directories
 * with the same content and permission bits, and a go command with {@code GOPROXY=off} reads
 * Holdfast's cache with the same hashes.
 */
class ModuleCacheLayoutConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<ModuleVersion> addModules(ProxyDir proxy) throws IOException {
        List<ModuleVersion> mvs = new ArrayList<>();
        for (String v : List.of("v1.2.0", "v1.10.0", "v1.2.0-RC.1", "v1.2.0-pre")) {
            ModuleVersion mv = new ModuleVersion("example.com/m", v);
            proxy.add(mv);
            mvs.add(mv);
        }
        ModuleVersion upper = new ModuleVersion("example.com/Upper/Case", "v0.1.0");
        proxy.add(
                upper,
                Map.of("a/b/c.go", bytes("package c\n"), "a/empty.txt", new byte[0], "LICENSE", bytes("license\n")),
                "{\"Version\":\"v0.1.0\",\"Time\":\"2024-01-02T03:04:05.120Z\"}");
        mvs.add(upper);
        ModuleVersion v2 = new ModuleVersion("example.com/m/v2", "v2.0.0");
        proxy.add(
                v2,
                Map.of("go.mod", bytes("module example.com/m/v2\n\ngo 1.21\n"), "x/y/z.go", bytes("package y\n")),
                "{\"Version\":\"v2.0.0\",\"Time\":\"2024-03-04T05:06:07.000000009Z\",\"Origin\":{\"VCS\":\"git\","
                        + "\"URL\":\"https://example.com/r\",\"Hash\":\"0123456789abcdef0123456789abcdef01234567\","
                        + "\"TagSum\":\"t1:abc=\",\"Ref\":\"refs/tags/v2.0.0\"}}");
        mvs.add(v2);
        return mvs;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void holdfastCache_equalsGoModDownloadCache() throws IOException {
        GoToolchain go = GoToolchain.get();
        ProxyDir proxy = new ProxyDir(tmp.resolve("proxy"));
        List<ModuleVersion> mvs = addModules(proxy);

        GoToolchain.Sandbox goBox = go.sandbox(tmp.resolve("go"));
        Map<String, JsonNode> goJson = download(goBox, proxy.url(), mvs);

        GoToolchain.Sandbox hfBox = go.sandbox(tmp.resolve("holdfast"));
        CachingSource source = new CachingSource(
                DiskStore.of(hfBox.modCache()), new DirectorySource(proxy), Verifier.NONE, Clock.systemUTC());
        for (ModuleVersion mv : mvs) {
            source.info(mv);
            source.mod(mv);
            source.zip(mv, new ZipTarget(Files.createTempFile(tmp, "zip", ".zip")));
        }

        Map<String, String> want = describeTree(goBox.modCache());
        Map<String, String> got = describeTree(hfBox.modCache());
        got.keySet().removeIf(p -> p.startsWith("cache/holdfast-tmp"));
        List<String> problems = new ArrayList<>();
        int agreed = 0;
        for (String p : union(want, got)) {
            if (java.util.Objects.equals(want.get(p), got.get(p))) {
                agreed++;
            } else {
                problems.add(p + "\n  go:       " + want.get(p) + "\n  holdfast: " + got.get(p));
            }
        }
        ConformanceReport.record(
                "store",
                "module cache files vs go mod download",
                union(want, got).size(),
                agreed);

        Map<String, JsonNode> offline = download(hfBox, "off", mvs);
        int sameSums = 0;
        for (var e : goJson.entrySet()) {
            JsonNode mine = offline.get(e.getKey());
            boolean same = !mine.has("Error")
                    && mine.path("Sum").equals(e.getValue().path("Sum"))
                    && mine.path("GoModSum").equals(e.getValue().path("GoModSum"));
            sameSums += same ? 1 : 0;
            if (!same) {
                problems.add("GOPROXY=off go mod download " + e.getKey() + ": " + mine + " vs " + e.getValue());
            }
        }
        ConformanceReport.record("store", "GOPROXY=off go mod download from Holdfast's cache", mvs.size(), sameSums);
        hfBox.cleanModCache();
        goBox.cleanModCache();
        assertThat(problems).isEmpty();
        assertThat(agreed).isGreaterThan(40);
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return new ArrayList<>(all.keySet());
    }

    private Map<String, JsonNode> download(GoToolchain.Sandbox box, String goproxy, List<ModuleVersion> mvs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        mvs.forEach(mv -> args.add(mv.path() + "@" + mv.version()));
        Path work = Files.createDirectories(tmp.resolve("work"));
        GoToolchain.Run run = box.run(work, Map.of("GOPROXY", goproxy), args.toArray(String[]::new));
        Map<String, JsonNode> byModule = new LinkedHashMap<>();
        try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(run.stdout())) {
            while (values.hasNext()) {
                JsonNode node = values.next();
                byModule.put(
                        node.path("Path").asText() + "@" + node.path("Version").asText(), node);
            }
        }
        assertThat(byModule).as(run.describe()).hasSize(mvs.size());
        return byModule;
    }

    /** Returns every path under {@code root} with its type, permission bits and content. */
    private static Map<String, String> describeTree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String mode =
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                String rel = root.relativize(p).toString();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(rel + "/", "dir " + mode);
                } else {
                    byte[] data = Files.readAllBytes(p);
                    boolean text = rel.endsWith(".info") || rel.endsWith("list") || rel.endsWith(".ziphash");
                    tree.put(
                            rel,
                            "file " + mode + " "
                                    + (text
                                            ? new String(data, StandardCharsets.UTF_8)
                                            : Arrays.hashCode(data) + "/" + data.length));
                }
            }
        }
        return tree;
    }
}
