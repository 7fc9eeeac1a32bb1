package dev.holdfast.fetch;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP client that is built on first use, and adds to each request the credentials GOAUTH gives
 * for its URL ({@link GoAuth}) and those of the forward proxy it goes through ({@link EnvProxies}).
 * Building the JDK's client sets up TLS (a few hundred classes and tens of milliseconds), and GOAUTH
 * reads {@code .netrc}; a command that finds everything in the module cache never sends a request and
 * should not pay for either. Thread-safe: all are made once.
 */
final class LazyHttpClient extends HttpClient {
    /** The proxies, the client that uses them and the credentials, made together for the first request. */
    private record State(HttpClient client, GoAuth auth, EnvProxies proxies) {}

    private final Supplier<EnvProxies> proxiesFactory;
    private final Function<EnvProxies, HttpClient> factory;
    private final Supplier<GoAuth> authFactory;
    private volatile State state;

    LazyHttpClient(
            Supplier<EnvProxies> proxiesFactory,
            Function<EnvProxies, HttpClient> factory,
            Supplier<GoAuth> authFactory) {
        this.proxiesFactory = proxiesFactory;
        this.factory = factory;
        this.authFactory = authFactory;
    }

    private State state() {
        State s = state;
        if (s == null) {
            synchronized (this) {
                s = state;
                if (s == null) {
                    EnvProxies proxies = proxiesFactory.get();
                    s = new State(factory.apply(proxies), authFactory.get(), proxies);
                    state = s;
                }
            }
        }
        return s;
    }

    private HttpClient client() {
        return state().client();
    }

    /** Returns the client if it was built, else null (shutting down builds nothing). */
    private HttpClient built() {
        State s = state;
        return s == null ? null : s.client();
    }

    /** Returns {@code request} with the GOAUTH credentials for its URL and its proxy's added. */
    private HttpRequest authorized(HttpRequest request) {
        State s = state();
        return s.proxies().apply(s.auth().apply(request));
    }

    /**
     * After a 4xx {@code answer} to a request (as it was sent, credentials included): runs GOAUTH again
     * for its URL and reports whether it should be sent once more, with the credentials that gave.
     */
    boolean renewedAfter(HttpResponse<?> answer) {
        return state().auth().renewedAfter(answer.request(), answer.statusCode(), GoAuth.answerHead(answer));
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client().authenticator();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client().send(authorized(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(authorized(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
        return client().sendAsync(authorized(request), handler, push);
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return client().newWebSocketBuilder();
    }

    @Override
    public void shutdown() {
        HttpClient c = built();
        if (c != null) {
            c.shutdown();
        }
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        HttpClient c = built();
        return c == null || c.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        HttpClient c = built();
        return c == null || c.isTerminated();
    }

    @Override
    public void shutdownNow() {
        HttpClient c = built();
        if (c != null) {
            c.shutdownNow();
        }
    }

    @Override
    public String toString() {
        HttpClient c = built();
        return c == null ? "LazyHttpClient[not built]" : c.toString();
    }
}
