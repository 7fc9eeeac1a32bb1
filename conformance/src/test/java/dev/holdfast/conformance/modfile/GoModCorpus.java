package dev.holdfast.conformance.modfile;

import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Txtar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every go.mod text in the Go distribution, read at test time: the {@code .mod} and {@code go.mod}
 * files of the txtar archives in {@code cmd/go/testdata/mod} (module proxy content) and {@code
 * cmd/go/testdata/script} (go command scenarios, many of them deliberately broken), and every file
 * named {@code go.mod} under GOROOT. Inputs with identical bytes are kept once.
 */
final class GoModCorpus {
    private GoModCorpus() {}

    /** One go.mod text and where it came from. */
    record Input(String source, byte[] data) {
        @Override
        public String toString() {
            return source;
        }
    }

    private static volatile List<Input> all;

    /** Returns the corpus, read once per JVM; fails if GOROOT holds suspiciously few inputs. */
    static List<Input> all() {
        if (all == null) {
            synchronized (GoModCorpus.class) {
                if (all == null) {
                    all = read(GoToolchain.get().goroot());
                }
            }
        }
        return all;
    }

    private static List<Input> read(Path goroot) {
        Map<String, Input> byContent = new LinkedHashMap<>();
        Path testdata = goroot.resolve("src/cmd/go/testdata");
        for (String dir : List.of("mod", "script")) {
            for (Path archive : list(testdata.resolve(dir), ".txt")) {
                Txtar txtar = parseTxtar(archive);
                for (Txtar.File file : txtar.files()) {
                    if (file.name().equals(".mod")
                            || file.name().equals("go.mod")
                            || file.name().endsWith("/go.mod")) {
                        byte[] data = file.data().getBytes(StandardCharsets.ISO_8859_1);
                        add(byContent, dir + "/" + archive.getFileName() + ":" + file.name(), data);
                    }
                }
            }
        }
        try (Stream<Path> files = Files.walk(goroot)) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals("go.mod"))
                    .sorted()
                    .toList()) {
                add(byContent, "GOROOT/" + goroot.relativize(p), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Input> inputs = List.copyOf(byContent.values());
        if (inputs.size() < 500) {
            throw new AssertionError("expected hundreds of go.mod texts under " + goroot + ", found " + inputs.size());
        }
        return inputs;
    }

    private static void add(Map<String, Input> byContent, String source, byte[] data) {
        byContent.putIfAbsent(new String(data, StandardCharsets.ISO_8859_1), new Input(source, data));
    }

    /** Parses an archive as bytes (ISO-8859-1 maps each byte to one char), keeping invalid UTF-8. */
    private static Txtar parseTxtar(Path archive) {
        try {
            return Txtar.parse(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code task} over {@code inputs} on a few threads and returns the results in order. */
    static <T> List<T> parallel(List<Input> inputs, Function<Input, T> task) {
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<T>> futures = new ArrayList<>();
            for (Input in : inputs) {
                futures.add(pool.submit(() -> task.apply(in)));
            }
            List<T> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
