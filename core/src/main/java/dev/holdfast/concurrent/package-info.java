/**
 * Waiting for work that other threads do (parallel go.mod reads, tile fetches, single flights), with
 * the failure rules of module I/O: a task's {@link java.io.IOException} or unchecked exception reaches
 * the waiter as it was thrown, not wrapped, and an interrupted wait is an {@link
 * java.io.InterruptedIOException}. One place, so the loaders and clients of every module wait alike.
 */
package dev.holdfast.concurrent;
