package dev.holdfast.store.s3;

import java.net.URI;
import java.util.Locale;

/**
 * Where a store lives: {@code s3://BUCKET[/PREFIX]}, as given to {@code --store}.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix, {@code ""} or ending in {@code /}
 */
public record S3Location(String bucket, String prefix) {
    /**
     * Parses {@code s3://BUCKET[/PREFIX]}.
     *
     * @throws IllegalArgumentException saying what is wrong, for anything else
     */
    public static S3Location parse(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// store: \"" + url + "\"");
        }
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("invalid S3 bucket name \"" + bucket + "\" in \"" + url + "\"");
        }
        if (prefix.contains("//") || prefix.contains("..")) {
            throw new IllegalArgumentException("invalid key prefix \"" + prefix + "\" in \"" + url + "\"");
        }
        return new S3Location(bucket, prefix.isEmpty() ? "" : prefix + "/");
    }

    /** Returns the object key of store key {@code key}. */
    String objectKey(String key) {
        return prefix + key;
    }

    /**
     * Reports whether an endpoint needs path-style addressing ({@code http://host:port/bucket/key}): an IP
     * address or localhost has no per-bucket DNS names.
     */
    static boolean needsPathStyle(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost();
        return host.equals("localhost") || host.matches("[0-9.]+") || host.startsWith("[");
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
