/**
 * JMH benchmarks of Holdfast's hot paths. Each benchmark measures a baseline in the same run (for
 * example a plain SHA-256 beside the {@code h1:} hash), because only ratios measured together mean
 * anything on a shared two-core machine. Reports go to {@code docs/benchmarks.md}.
 */
package dev.holdfast.bench;
