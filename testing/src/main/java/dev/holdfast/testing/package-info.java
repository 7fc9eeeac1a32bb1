/**
 * Test support shared by every module's tests: a driver for the real go toolchain, an oracle built
 * at test time from the go distribution's own golang.org/x/mod sources, a txtar reader, and the
 * fault lab — {@link dev.holdfast.testing.LocalOrigin}, a GOPROXY origin on 127.0.0.1, and {@link
 * dev.holdfast.testing.FaultRelay}, which puts latency, resets, truncation, corruption, error
 * statuses and outages between a client and that origin. The go command is the reference Holdfast
 * must match and the network is what it must survive, so these are how tests ask the one and
 * simulate the other, all on loopback.
 */
package dev.holdfast.testing;
