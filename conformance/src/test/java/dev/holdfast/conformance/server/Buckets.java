package dev.holdfast.conformance.server;

import dev.holdfast.testing.S3ProxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3 client of its own for a test to make buckets and look at what the instances stored. */
final class Buckets {
    private Buckets() {}

    /**
     * Returns the environment of a {@code holdfast serve} on the S3 service {@code s3Env} points at: that,
     * a HOME of its own under {@code home}, no go env file, no checksum database.
     */
    static Map<String, String> serveEnv(Map<String, String> s3Env, Path home) {
        Map<String, String> env = new HashMap<>(s3Env);
        env.put("HOME", home.toString());
        env.put("GOENV", "off");
        env.put("GOSUMDB", "off");
        return env;
    }

    /** Returns a client of {@code s3} with path-style addressing and checksums only where required. */
    static S3Client client(S3ProxyServer s3) {
        return client(s3.env());
    }

    /** Returns a client of the S3 service that the environment {@code s3Env} points the AWS SDK at. */
    static S3Client client(Map<String, String> s3Env) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(s3Env.get("AWS_ENDPOINT_URL_S3")))
                .forcePathStyle(true)
                .region(Region.of(s3Env.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Env.get("AWS_ACCESS_KEY_ID"), s3Env.get("AWS_SECRET_ACCESS_KEY"))))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
