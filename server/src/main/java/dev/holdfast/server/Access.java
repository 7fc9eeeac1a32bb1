package dev.holdfast.server;

import java.util.Optional;

/**
 * Who may ask what (issue 12): module requests pass the server's authentication ({@code --auth-basic},
 * {@code --auth-bearer}; none by default); the health and readiness probes always pass; the admin
 * endpoints {@code /status} and {@code /metrics}, which name module paths, upstreams and their error
 * texts, pass the admin authentication ({@code --admin-auth}) when one is set, else the module
 * authentication when that is set, and otherwise only from a client on this machine. Thread-safe.
 */
final class Access {
    private final ServerAuth modules;
    private final ServerAuth admin;

    Access(ServerAuth modules, ServerAuth admin) {
        this.modules = modules;
        this.admin = admin;
    }

    /** Returns the refusal of a request for {@code rawPath} with {@code headers}, or empty when it may pass. */
    Optional<Reply> refusal(String rawPath, RequestHeaders headers) {
        if (isProbe(rawPath)) {
            return Optional.empty();
        }
        Optional<String> authorization = headers.get("Authorization");
        if (isAdmin(rawPath)) {
            if (admin.enabled()) {
                return admin.permits(authorization) ? Optional.empty() : Optional.of(unauthorized(admin));
            }
            if (modules.enabled()) {
                return modules.permits(authorization) ? Optional.empty() : Optional.of(unauthorized(modules));
            }
            return headers.fromLoopback()
                    ? Optional.empty()
                    : Optional.of(Reply.text(
                                    403,
                                    rawPath + " answers only clients on this machine unless the server has"
                                            + " --admin-auth (or --auth-basic/--auth-bearer)")
                            .withHeader("Cache-Control", "no-store"));
        }
        return modules.permits(authorization) ? Optional.empty() : Optional.of(unauthorized(modules));
    }

    private static Reply unauthorized(ServerAuth auth) {
        return Reply.text(401, "authentication required")
                .withHeader("WWW-Authenticate", auth.challenge())
                .withHeader("Cache-Control", "no-store");
    }

    /** Reports whether {@code rawPath} is a probe that never needs authentication. */
    static boolean isProbe(String rawPath) {
        return rawPath.equals("/healthz") || rawPath.equals("/readyz");
    }

    /** Reports whether {@code rawPath} is an admin endpoint. */
    static boolean isAdmin(String rawPath) {
        return rawPath.equals("/") || rawPath.equals("/status") || rawPath.equals("/metrics");
    }
}
