package dev.holdfast.testing;

import java.time.Duration;

/**
 * The named network conditions of MISSION D2, as {@link Faults} presets for a {@link FaultRelay}: {@code
 * relay.faults(Scenario.THREE_G.faults())}. Tests may refine a preset with the {@code withX} copies.
 */
public enum Scenario {
    /** A local network: 1 ms per answer and a 1 Gbit/s link. */
    LAN(Faults.NONE.withLatency(Duration.ofMillis(1), Duration.ZERO).withBandwidth(125_000_000)),

    /**
     * A 3G link: 200 ms per answer, 1 Mbit/s (125,000 bytes/s), and 5 % packet loss modelled as 5 % of
     * connections reset before the answer (TCP would hide lost packets; what reaches the client is a
     * failed connection).
     */
    THREE_G(Faults.NONE
            .withLatency(Duration.ofMillis(200), Duration.ZERO)
            .withBandwidth(125_000)
            .withResets(0.05)),

    /** A lossy public link: 30 % of connections reset before the answer, 10 % of bodies cut in half. */
    LOSSY(Faults.NONE.withResets(0.30).withTruncation(0.10, 0.5)),

    /**
     * A slow path now and then: 10 % of response bodies trickle at 1 KB/s and stop for good after 4 KiB,
     * the connection left open (a congested or half-dead route that never sends a reset).
     */
    TRICKLE(Faults.NONE.withTrickle(0.10, 1024, 4096)),

    /** A full outage: every connection is accepted and never answered. */
    OUTAGE(Faults.NONE.withBlackHole(1.0)),

    /** A flapping upstream: listening for 5 s, refusing connections for 5 s, over and over. */
    FLAPPING(Faults.NONE.withFlapping(Duration.ofSeconds(5), Duration.ofSeconds(5)));

    private final Faults faults;

    Scenario(Faults faults) {
        this.faults = faults;
    }

    /** Returns the faults this scenario injects. */
    public Faults faults() {
        return faults;
    }
}
