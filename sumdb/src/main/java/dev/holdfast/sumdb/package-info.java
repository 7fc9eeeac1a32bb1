/**
 * The Go checksum database (GOSUMDB), spoken the way the go command speaks it: signed notes
 * ({@link dev.holdfast.sumdb.Note}), the transparent log's hashes, proofs and tiles ({@link
 * dev.holdfast.sumdb.Tlog}, {@link dev.holdfast.sumdb.Tile}), and a client ({@link
 * dev.holdfast.sumdb.SumdbClient}) that looks up go.sum lines and accepts them only when they are
 * provably part of one log that never forked.
 *
 * <p>Why it exists: go.sum protects a module only after its first download; the checksum database
 * protects the first download too, and lets anyone check that everybody was served the same bits.
 * Holdfast fetches and verifies modules without the go command, so it must do this itself — with
 * the go command's files ({@code $GOPATH/pkg/sumdb/<name>/latest} and the tile and lookup cache
 * under {@code $GOMODCACHE/cache/download/sumdb}) so that the two tools share one view of the log.
 * {@link dev.holdfast.sumdb.SumdbVerifier} plugs the client into fetch's {@link
 * dev.holdfast.fetch.Verifier} chain.
 */
package dev.holdfast.sumdb;
