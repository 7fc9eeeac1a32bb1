package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.ForwardProxy;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forward proxy of the environment (HTTP_PROXY, http_proxy, HTTPS_PROXY, NO_PROXY), as the go
 * command uses it: GOPROXY names a host that does not resolve ({@code modules.holdfast.invalid}), and
 * only a forward proxy on loopback, which passes each request to a local origin, can reach it. For each
 * setting, {@code go mod download} and {@code holdfast download} of the same project, each with an empty
 * module cache, must both succeed or both fail. Before 2026-12-07 Holdfast ignored these variables and
 * failed in every setting, where a build behind a company proxy succeeded with the go command.
 */
@Timeout(180)
class ProxyVariablesConformanceTest {
    private static final String GOPROXY = "http://modules.holdfast.invalid";

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    @Test
    void proxyVariables_downloadSucceedsWhereTheGoCommandsDoes() throws Exception {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ForwardProxy proxy = ForwardProxy.open(origin.address().getPort(), 0)) {
            String at = "http://127.0.0.1:" + proxy.port();
            Map<String, Map<String, String>> settings = new LinkedHashMap<>();
            settings.put("HTTP_PROXY", Map.of("HTTP_PROXY", at));
            settings.put("http_proxy", Map.of("http_proxy", at));
            settings.put("HTTP_PROXY without a scheme", Map.of("HTTP_PROXY", at.substring("http://".length())));
            settings.put(
                    "NO_PROXY with another port",
                    Map.of("HTTP_PROXY", at, "NO_PROXY", "modules.holdfast.invalid:8080"));
            settings.put("NO_PROXY the domain", Map.of("HTTP_PROXY", at, "NO_PROXY", "holdfast.invalid"));
            settings.put("NO_PROXY .domain", Map.of("HTTP_PROXY", at, "NO_PROXY", ".holdfast.invalid"));
            settings.put("NO_PROXY *.domain", Map.of("HTTP_PROXY", at, "NO_PROXY", "*.holdfast.invalid"));
            settings.put(
                    "NO_PROXY the host and port",
                    Map.of("HTTP_PROXY", at, "NO_PROXY", "other.example.com, modules.holdfast.invalid:80"));
            settings.put("NO_PROXY *", Map.of("HTTP_PROXY", at, "NO_PROXY", "*"));
            settings.put("HTTPS_PROXY only", Map.of("HTTPS_PROXY", at));
            settings.put("no proxy", Map.of());

            ProjectDownloads downloads = ProjectDownloads.of(go, tmp, origin);
            List<String> disagreements = new ArrayList<>();
            int goSucceeded = 0;
            int i = 0;
            for (Map.Entry<String, Map<String, String>> e : settings.entrySet()) {
                Map<String, String> env = new HashMap<>(e.getValue());
                env.put("GOPROXY", GOPROXY);
                int before = proxy.requests().size();
                GoToolchain.Run byGo = downloads.goDownload(Integer.toString(i), env);
                int goRequests = proxy.requests().size() - before;
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                int byHoldfast = downloads.holdfastDownload(Integer.toString(i), env, "3s", said);
                int holdfastRequests = proxy.requests().size() - before - goRequests;
                boolean goOk = byGo.exitCode() == 0;
                goSucceeded += goOk ? 1 : 0;
                if (goOk != (byHoldfast == 0) || (goRequests > 0) != (holdfastRequests > 0)) {
                    disagreements.add(e.getKey() + ": go " + (goOk ? "succeeded" : "failed") + " (" + goRequests
                            + " requests through the proxy); holdfast exited " + byHoldfast + " (" + holdfastRequests
                            + " requests through the proxy):\n" + said.toString(StandardCharsets.UTF_8));
                }
                i++;
            }
            ConformanceReport.record(
                    "cli",
                    "download through HTTP_PROXY, http_proxy, HTTPS_PROXY and NO_PROXY: success or failure vs go mod download",
                    settings.size(),
                    settings.size() - disagreements.size());
            assertThat(disagreements).isEmpty();
            assertThat(goSucceeded).as("settings the go command succeeds with").isEqualTo(4);
        }
    }
}
