/**
 * Where verified module files are kept. Keys are escaped proxy URL paths, so the disk layout is the
 * go command's module cache download area: {@code GOPROXY=off} builds work from it and it can be
 * served as a {@code file://} proxy. Every {@code put} is atomic (temp file, fsync, rename), so a
 * killed process leaves nothing that Holdfast or the go command would read as valid.
 */
package dev.holdfast.store;
