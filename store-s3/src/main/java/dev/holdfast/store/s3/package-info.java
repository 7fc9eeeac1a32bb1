/**
 * {@link dev.holdfast.store.s3.S3Store}: the {@link dev.holdfast.store.Store} seam on an S3-compatible
 * bucket (AWS S3, MinIO, Ceph RGW, S3Proxy), so several {@code holdfast serve} instances can share one
 * cache. Objects are named by the store key under a prefix, the GOPROXY layout, so the bucket can itself be
 * served as a static proxy. A separate Maven module so that the AWS SDK is on the class path only of what
 * uses it.
 */
package dev.holdfast.store.s3;
