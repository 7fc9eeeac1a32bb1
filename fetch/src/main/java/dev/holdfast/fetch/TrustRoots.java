package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities HTTPS upstreams are checked against: the JDK's own, and those the go
 * command trusts on Linux, so that a proxy whose certificate comes from a company's authority (installed
 * in the system's store, or named by {@code SSL_CERT_FILE} / {@code SSL_CERT_DIR}) is reached by Holdfast
 * as by the go command. Like crypto/x509 on Linux: {@code SSL_CERT_FILE} replaces the system bundle
 * (the first of the usual bundle files that can be read), and the certificates of each directory in
 * {@code SSL_CERT_DIR} are added. Unlike it, the system's certificate directories are not read when
 * {@code SSL_CERT_DIR} is unset (their certificates are the bundle's, split into files).
 */
final class TrustRoots {
    /** crypto/x509's bundle files on Linux, in its order. */
    private static final List<String> BUNDLES = List.of(
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/ca-bundle.pem",
            "/etc/pki/tls/cacert.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            "/etc/ssl/cert.pem");

    private TrustRoots() {}

    /**
     * Returns a TLS context trusting the JDK's authorities and the go command's for process environment
     * {@code env}. The go command's are read only when the JDK's refuse a server, so a command that talks
     * to well-known hosts (or to none) never reads the system bundle.
     */
    static SSLContext sslContext(Map<String, String> env) {
        try {
            X509TrustManager jdk = trustManager(null);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(jdk, () -> goTrustManager(env))}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK: " + e.getMessage(), e);
        }
    }

    /** Returns a trust manager for the go command's roots, or null when there are none. */
    private static X509TrustManager goTrustManager(Map<String, String> env) {
        List<X509Certificate> roots = goRoots(env);
        if (roots.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                store.setCertificateEntry("go-root-" + i, roots.get(i));
            }
            return trustManager(store);
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }

    /** The certificates the go command would trust besides the JDK's, as listed in the class comment. */
    static List<X509Certificate> goRoots(Map<String, String> env) {
        List<X509Certificate> roots = new ArrayList<>();
        String file = env.getOrDefault("SSL_CERT_FILE", "");
        for (String bundle : file.isEmpty() ? BUNDLES : List.of(file)) {
            List<X509Certificate> certs = read(Path.of(bundle));
            if (certs != null) {
                roots.addAll(certs);
                break;
            }
        }
        String dirs = env.getOrDefault("SSL_CERT_DIR", "");
        if (!dirs.isEmpty()) {
            for (String dir : dirs.split(":")) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(dir))) {
                    for (Path entry : entries) {
                        List<X509Certificate> certs = read(entry);
                        if (certs != null) {
                            roots.addAll(certs);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // a directory that cannot be read adds nothing, as for the go command
                }
            }
        }
        return roots;
    }

    /** Returns the PEM certificates of {@code file}, or null when it cannot be read or holds none. */
    private static List<X509Certificate> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x) {
                    certs.add(x);
                }
            }
            return certs.isEmpty() ? null : certs;
        } catch (IOException | CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * Trusts a server that the JDK's trust manager trusts, or else the go command's, made on the first
     * refusal and kept.
     */
    private static final class EitherTrustManager implements X509TrustManager {
        private final X509TrustManager jdk;
        private final java.util.function.Supplier<X509TrustManager> goFactory;
        private volatile Optional<X509TrustManager> go;

        EitherTrustManager(X509TrustManager jdk, java.util.function.Supplier<X509TrustManager> goFactory) {
            this.jdk = jdk;
            this.goFactory = goFactory;
        }

        private Optional<X509TrustManager> go() {
            Optional<X509TrustManager> g = go;
            if (g == null) {
                synchronized (this) {
                    g = go;
                    if (g == null) {
                        g = Optional.ofNullable(goFactory.get());
                        go = g;
                    }
                }
            }
            return g;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                Optional<X509TrustManager> g = go();
                if (g.isEmpty()) {
                    throw e;
                }
                try {
                    g.get().checkServerTrusted(chain, authType);
                } catch (CertificateException alsoRefused) {
                    e.addSuppressed(alsoRefused);
                    throw e;
                }
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }
}
