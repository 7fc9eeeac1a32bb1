package dev.holdfast.cli;

import dev.holdfast.fetch.UpstreamHttp;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which zips a Go module proxy server already holds, for {@code holdfast warm --server}: a {@code HEAD}
 * of the zip with {@code X-Holdfast-Cache-Only: 1}, which {@code holdfast serve} answers from its cache
 * alone, with the zip's {@code h1:} hash as its entity tag. A zip held there whose hash go.sum (or the
 * checksum database) does not contradict is not downloaded again: warming is then a question per zip,
 * not a copy of every byte. Anything else — another kind of server, no such tag, a refusal, a hash that
 * differs — leaves the zip to the usual download, which verifies it. Thread-safe.
 */
final class ServerZips implements ZipFetch.Held {
    private static final Pattern H1_TAG = Pattern.compile("\"(h1:[A-Za-z0-9+/]{43}=)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final String authorization;
    private final Verifier verifier;
    private final HttpClient client;

    /** Returns the view of the server at {@code serverUrl}, checking its hashes with {@code verifier}. */
    ServerZips(String serverUrl, Verifier verifier) {
        UpstreamHttp.Address address = UpstreamHttp.Address.of(serverUrl.strip());
        this.base = address.url().replaceAll("/+$", "");
        this.authorization = address.authorization();
        this.verifier = verifier;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public boolean holds(ModuleVersion mv) {
        try {
            Optional<String> h1 = heldHash(mv);
            if (h1.isEmpty()) {
                return false;
            }
            verifier.checkHash(mv, h1.get()); // a hash go.sum contradicts goes the download's way, and fails there
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns the {@code h1:} hash of the zip of {@code mv} the server holds, or empty. */
    Optional<String> heldHash(ModuleVersion mv) throws IOException {
        String url =
                base + "/" + ModulePath.escape(mv.path()) + "/@v/" + ModulePath.escapeVersion(mv.version()) + ".zip";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(TIMEOUT)
                .header("X-Holdfast-Cache-Only", "1");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("HEAD " + url + ": interrupted");
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        Matcher tag = H1_TAG.matcher(response.headers().firstValue("ETag").orElse(""));
        return tag.matches() ? Optional.of(tag.group(1)) : Optional.empty();
    }
}
