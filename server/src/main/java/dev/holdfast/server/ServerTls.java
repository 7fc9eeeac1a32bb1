package dev.holdfast.server;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificate and key the server speaks HTTPS with, both PEM files as a certificate authority or
 * {@code openssl} writes them: the certificate chain (the server's certificate first, then any
 * intermediates) and its unencrypted private key (PKCS #8 {@code BEGIN PRIVATE KEY}, or PKCS #1
 * {@code BEGIN RSA PRIVATE KEY}).
 *
 * @param certChain the PEM certificate chain file
 * @param privateKey the PEM private key file
 */
public record ServerTls(Path certChain, Path privateKey) {
    /** Checks that both files are given. */
    public ServerTls {
        Objects.requireNonNull(certChain, "certChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Returns Helidon's TLS configuration for the files, read now.
     *
     * @throws IllegalArgumentException naming the files if one is missing or holds no usable key or
     *     certificate
     */
    Tls tls() {
        for (Path file : new Path[] {certChain, privateKey}) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file + " cannot be read");
            }
        }
        Keys keys;
        try {
            keys = Keys.builder()
                    .pem(pem -> pem.key(Resource.create(privateKey)).certChain(Resource.create(certChain)))
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot read the TLS key " + privateKey + " or certificates " + certChain + ": " + e.getMessage(),
                    e);
        }
        if (keys.privateKey().isEmpty() || keys.certChain().isEmpty()) {
            throw new IllegalArgumentException(
                    "no private key in " + privateKey + " or no certificate in " + certChain);
        }
        return Tls.builder()
                .privateKey(keys.privateKey().get())
                .privateKeyCertChain(keys.certChain())
                .build();
    }
}
