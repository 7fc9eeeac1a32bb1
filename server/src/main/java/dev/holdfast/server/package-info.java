/**
 * The caching GOPROXY server. A proxy URL is parsed once, at the edge, into a {@link
 * dev.holdfast.server.ProxyRequest} (so no unchecked path ever reaches the store), one handler
 * dispatches on it over a {@link dev.holdfast.fetch.CachingSource}, and failures become HTTP statuses
 * in exactly one table ({@code ErrorStatus}). It exists apart from the fetch engine because the go
 * command, not Holdfast, is the client here: what the go command sees — status codes, plain-text
 * reasons, immutable caching — is this package's contract.
 */
package dev.holdfast.server;
