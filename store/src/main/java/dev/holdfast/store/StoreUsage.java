package dev.holdfast.store;

/**
 * What a store holds, counted at one moment: for the status page.
 *
 * @param files the files stored (zips, go.mod files, info files, version lists)
 * @param zips how many of them are module zips
 * @param bytes their total size
 */
public record StoreUsage(long files, long zips, long bytes) {}
