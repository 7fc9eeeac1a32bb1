/**
 * Where verified module files are kept. Keys are escaped proxy URL paths ({@link
 * dev.holdfast.store.StoreKey}), so the disk layout is the go command's module cache download area:
 * {@code GOPROXY=off} builds work from it and it can be served as a {@code file://} proxy.
 *
 * <p>This package exists because a cache that the go command shares must be written the go
 * command's way, or one of them will someday read a half-written file as valid. Every {@code put} is
 * atomic (temp file, fsync, rename); zips are written under the go command's
 * own {@code flock} lock files ({@link dev.holdfast.store.Flock}, not {@code FileChannel.lock}, whose
 * {@code fcntl} locks a go process does not see), with the {@code .ziphash} before the {@code .zip}
 * and the extracted tree behind a {@code .partial} marker, so a killed process leaves nothing that
 * Holdfast or the go command would read as valid.
 */
package dev.holdfast.store;
