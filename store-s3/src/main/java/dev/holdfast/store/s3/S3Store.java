package dev.holdfast.store.s3;

import dev.holdfast.store.Store;
import dev.holdfast.store.StoreKey;
import dev.holdfast.store.StoredContent;
import dev.holdfast.store.TempArea;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link Store} on an S3-compatible bucket, through the AWS SDK v2 with its URL-connection HTTP client.
 * An object is named by its store key under the location's prefix: the GOPROXY layout.
 *
 * <ul>
 *   <li>A write is one PUT of verified content from a local file, streamed: atomic by construction (a
 *       reader gets the old object or the new). Module files ({@code .info}, {@code .mod}, {@code .zip})
 *       never change: one already there is not uploaded again, and the PUT carries {@code If-None-Match: *},
 *       so of two instances racing to fill the same key the second's is refused (412, where the service
 *       supports conditional writes) and it keeps the first's, identical, object. A list or {@code
 *       @latest} is replaced.
 *   <li>A read is one GET, streamed ({@link StoredContent.Streamed}: size and time from the answer, a zip's
 *       {@code h1:} from the metadata it was written with, {@link #H1_METADATA}).
 *   <li>Failures of the service are {@link IOException}s naming the bucket and key; a missing object is
 *       empty.
 * </ul>
 *
 * <p>Thread-safe: the SDK client is. Close it with {@link #close}.
 */
public final class S3Store implements Store, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);

    /** The user metadata that keeps a zip's {@code h1:} hash beside it, as a module cache's .ziphash does. */
    static final String H1_METADATA = "h1";

    private final S3Client s3;
    private final S3Location location;
    private final Path tempDir;
    private final String endpoint;

    S3Store(S3Client s3, S3Location location, Path tempDir, String endpoint) {
        this.s3 = s3;
        this.location = location;
        this.tempDir = tempDir;
        this.endpoint = endpoint;
    }

    /**
     * Returns a store at {@code location} for process environment {@code env}: the endpoint from {@code
     * AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} (else AWS's own), the region from {@code AWS_REGION}
     * or {@code AWS_DEFAULT_REGION} (else {@code us-east-1}), credentials from {@code AWS_ACCESS_KEY_ID}
     * and {@code AWS_SECRET_ACCESS_KEY} (else the SDK's default chain: profiles, instance roles, ...);
     * path-style addressing for an IP address or localhost endpoint, or when {@code pathStyle}. Temporary
     * files go to {@code tempDir}.
     */
    public static S3Store open(S3Location location, Map<String, String> env, Path tempDir, boolean pathStyle)
            throws IOException {
        Files.createDirectories(tempDir);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(firstOf(env, "us-east-1", "AWS_REGION", "AWS_DEFAULT_REGION")))
                .credentialsProvider(credentials(env))
                // Checksums only where S3 requires them: the SDK's default trailing checksums and checksum
                // mode are not implemented by many S3-compatible services (S3Proxy, older MinIO and Ceph).
                // Content is verified by Holdfast before it is stored, and zips by their h1 when served.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        String endpoint = firstOf(env, "", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        boolean pathStyleAccess = pathStyle;
        if (!endpoint.isEmpty()) {
            URI uri = URI.create(endpoint);
            builder.endpointOverride(uri);
            pathStyleAccess |= S3Location.needsPathStyle(uri);
        }
        builder.forcePathStyle(pathStyleAccess);
        return new S3Store(builder.build(), location, tempDir, endpoint.isEmpty() ? "AWS" : endpoint);
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        if (!id.isEmpty() && !secret.isEmpty()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String firstOf(Map<String, String> env, String fallback, String... names) {
        for (String name : names) {
            String value = env.getOrDefault(name, "");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return fallback;
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        return content(key).map(c -> ((StoredContent.Streamed) c).in());
    }

    @Override
    public Optional<StoredContent> content(String key) throws IOException {
        String object = object(key);
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder()
                    .bucket(location.bucket())
                    .key(object)
                    .build());
            GetObjectResponse r = in.response();
            Instant modified = r.lastModified() == null ? Instant.EPOCH : r.lastModified();
            String h1 = h1(r.metadata());
            return Optional.of(new StoredContent.Streamed(in, r.contentLength(), modified, h1));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", object, e);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        String object = object(key);
        try {
            return Optional.of(s3.headObject(HeadObjectRequest.builder()
                            .bucket(location.bucket())
                            .key(object)
                            .build())
                    .contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up", object, e);
        } catch (SdkException e) {
            throw failure("look up", object, e);
        }
    }

    @Override
    public void put(String key, Path tmpFile) throws IOException {
        put(key, tmpFile, Map.of());
    }

    @Override
    public void putZip(String key, Path tmpFile, String h1) throws IOException {
        if (StoreKey.parse(key).kind() != StoreKey.Kind.ZIP) {
            throw new IllegalArgumentException("not a zip key: \"" + key + "\"");
        }
        put(key, tmpFile, Map.of(H1_METADATA, h1));
    }

    private void put(String key, Path tmpFile, Map<String, String> metadata) throws IOException {
        String object = object(key);
        StoreKey.Kind kind = StoreKey.parse(key).kind();
        boolean immutable = kind == StoreKey.Kind.INFO || kind == StoreKey.Kind.MOD || kind == StoreKey.Kind.ZIP;
        if (immutable && size(key).isPresent()) {
            Files.deleteIfExists(tmpFile); // another instance stored it first: the same verified content
            LOG.debug("{}: already stored; not uploaded again", object);
            return;
        }
        try {
            PutObjectRequest.Builder request = PutObjectRequest.builder()
                    .bucket(location.bucket())
                    .key(object)
                    .metadata(metadata);
            if (immutable) {
                request.ifNoneMatch("*");
            }
            s3.putObject(request.build(), RequestBody.fromFile(tmpFile));
        } catch (S3Exception e) {
            if (!(immutable && e.statusCode() == 412)) {
                throw failure("write", object, e);
            }
            LOG.debug("{}: already written by another instance; keeping it", object);
        } catch (SdkException e) {
            throw failure("write", object, e);
        } finally {
            Files.deleteIfExists(tmpFile);
        }
    }

    /**
     * Returns the {@code h1:} hash in an object's user metadata, or {@code ""}. Metadata names are HTTP
     * header names, which are case-insensitive: AWS gives them in lower case, other services as they
     * canonicalise headers ({@code H1} from a server written in Go).
     */
    static String h1(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().equalsIgnoreCase(H1_METADATA)) {
                return e.getValue();
            }
        }
        return "";
    }

    /** Asks the service about the bucket (HEAD): it must exist and answer with these credentials. */
    @Override
    public void checkReachable() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
        } catch (SdkException e) {
            throw failure("reach", "", e);
        }
    }

    @Override
    public Path tempFile() throws IOException {
        // A directory of this process's own, swept by the next one if this one is killed.
        return Files.createTempFile(TempArea.dirFor(tempDir), "upload-", ".tmp");
    }

    @Override
    public String describe() {
        return location + " at " + endpoint;
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Returns the SDK client, for tests and tools that make buckets. */
    S3Client client() {
        return s3;
    }

    @Override
    public String toString() {
        return "S3Store[" + describe() + "]";
    }

    private String object(String key) {
        StoreKey.parse(key); // refuses anything but the five shapes
        return location.objectKey(key);
    }

    private IOException failure(String what, String object, SdkException e) {
        if (Thread.currentThread().isInterrupted()) {
            InterruptedIOException interrupted = new InterruptedIOException("interrupted: " + what + " " + object);
            interrupted.initCause(e);
            return interrupted;
        }
        String status = e instanceof S3Exception s3e ? " (" + s3e.statusCode() + ")" : "";
        return new IOException(
                "cannot " + what + " s3://" + location.bucket() + "/" + object + status + ": " + e.getMessage(), e);
    }
}
