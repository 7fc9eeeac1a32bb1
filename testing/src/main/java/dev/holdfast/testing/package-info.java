/**
 * Test support shared by every module's tests: a driver for the real go toolchain, an oracle
 * built at test time from the go distribution's own golang.org/x/mod sources, and a txtar reader.
 * The go command is the reference implementation Holdfast must match, so these are how tests ask it.
 */
package dev.holdfast.testing;
