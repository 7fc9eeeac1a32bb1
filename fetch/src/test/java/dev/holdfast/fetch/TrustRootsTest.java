package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustRootsTest {
    @TempDir
    Path dir;

    /** Makes a self-signed certificate named {@code cn} with the JDK's keytool; returns its PEM file. */
    private Path pem(String cn) throws Exception {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path store = dir.resolve(cn + ".p12");
        Path pem = dir.resolve(cn + ".pem");
        run(
                keytool,
                "-genkeypair",
                "-alias",
                cn,
                "-keyalg",
                "EC",
                "-dname",
                "CN=" + cn,
                "-keystore",
                store.toString(),
                "-storepass",
                "test-only",
                "-storetype",
                "PKCS12");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                cn,
                "-keystore",
                store.toString(),
                "-storepass",
                "test-only",
                "-file",
                pem.toString());
        return pem;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static List<String> names(List<X509Certificate> certs) {
        return certs.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    }

    @Test
    void sslCertFile_replacesTheSystemBundle_andSslCertDirAddsEachFile() throws Exception {
        Path file = pem("from-file");
        Path certDir = Files.createDirectories(dir.resolve("certs"));
        Files.move(pem("in-dir"), certDir.resolve("one.pem"));
        Files.writeString(certDir.resolve("README"), "not a certificate\n");

        assertThat(names(TrustRoots.goRoots(Map.of("SSL_CERT_FILE", file.toString()))))
                .containsExactly("CN=from-file");
        assertThat(names(TrustRoots.goRoots(
                        Map.of("SSL_CERT_FILE", file.toString(), "SSL_CERT_DIR", "/no/such:" + certDir))))
                .containsExactly("CN=from-file", "CN=in-dir");
    }

    @Test
    void anSslCertFileThatCannotBeRead_addsNothing() {
        assertThat(TrustRoots.goRoots(
                        Map.of("SSL_CERT_FILE", dir.resolve("missing.pem").toString())))
                .isEmpty();
    }
}
