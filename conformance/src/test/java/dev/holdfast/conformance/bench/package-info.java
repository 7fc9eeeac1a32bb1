/**
 * The server benchmarks of issue 5, run by {@code scripts/bench-serve} (not tests): drivers that make
 * module versions, fill a warm cache through a real {@code holdfast serve} process, and time and measure
 * that process under many concurrent downloads and against a slow origin. They live with the
 * conformance tests because they need the same things (the go command, {@code LocalOrigin}, {@code
 * FaultRelay}) and run from that module's test classpath, as the fetch benchmark does.
 */
package dev.holdfast.conformance.bench;
