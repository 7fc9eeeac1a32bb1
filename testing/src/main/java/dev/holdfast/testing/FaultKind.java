package dev.holdfast.testing;

/** The kinds of fault a {@link FaultRelay} injects, as counted by {@link FaultRelay#faultCount}. */
public enum FaultKind {
    /** A connection whose answer was delayed (once per connection, whatever the per-chunk delays). */
    LATENCY,
    /** A connection whose response was paced to the bandwidth limit. */
    BANDWIDTH,
    /** A connection reset (TCP RST), before the response or part way through its body. */
    RESET,
    /** A connection accepted and never answered. */
    BLACK_HOLE,
    /** A response whose body was cut short and the connection closed cleanly. */
    TRUNCATE,
    /** A response with bytes of its body flipped. */
    CORRUPT,
    /** A response whose body trickled (and perhaps stalled for good). */
    TRICKLE,
    /** A request the relay answered itself with an error status. */
    STATUS,
    /** A time the relay stopped listening, so that connections were refused (including flapping). */
    REFUSE
}
