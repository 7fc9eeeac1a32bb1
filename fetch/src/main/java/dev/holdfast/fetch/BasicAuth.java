package dev.holdfast.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Basic authentication as Go's {@code Request.SetBasicAuth} writes it, for every credential Holdfast sends. */
final class BasicAuth {
    private BasicAuth() {}

    /** Returns {@code Basic} and the base64 of {@code user}, a colon and {@code password}, in UTF-8. */
    static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
