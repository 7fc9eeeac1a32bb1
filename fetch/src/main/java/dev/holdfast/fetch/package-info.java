/**
 * Getting module versions from wherever they can be had. {@link dev.holdfast.fetch.ModuleSource}
 * is the seam: a proxy over HTTP or {@code file://}, the local module cache, and decorators that
 * add the GOPROXY list's comma and pipe fall-back rules, retries of transient failures (never of
 * a missing module or a checksum mismatch) and verified caching. The go command retries nothing
 * (golang/go#28194) and cannot fall back to its module cache (golang/go#43646); this package is
 * where Holdfast does both.
 */
package dev.holdfast.fetch;
