package dev.holdfast.conformance.bench;

import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.Scenario;
import java.io.IOException;
import java.time.Duration;

/**
 * The fault lab's scenarios (issue 11, MISSION D2): a preset of the fault relay, and for some a driver
 * that changes the faults over time, a warm-up before an outage, or a first upstream that cannot be
 * resolved.
 */
enum LabScenario {
    /** No faults: the baseline every other scenario is compared with. */
    CLEAN("clean loopback", Faults.NONE),
    /** A local network: 1 ms per answer, 1 Gbit/s. */
    LAN("LAN (1 ms, 1 Gbit/s)", Scenario.LAN.faults()),
    /** 200 ms per answer, 1 Mbit/s, 5 % of connections reset. */
    THREE_G("3G (200 ms, 1 Mbit/s, 5 % loss)", Scenario.THREE_G.faults()),
    /** 30 % of connections reset, 10 % of bodies cut short. */
    LOSSY("lossy (30 % resets, 10 % truncated)", Scenario.LOSSY.faults()),
    /** Every 2 s, half a second in which every answer is a 502 or 503. */
    BURSTS("5xx bursts (0.5 s of 502/503 every 2 s)", Faults.NONE),
    /** 10 % of bodies trickle at 1 KB/s and stall for good after 4 KiB. */
    TRICKLE("slow trickle (10 % at 1 KB/s, then stalled)", Scenario.TRICKLE.faults()),
    /** Up 5 s, down 5 s (connections refused). */
    FLAPPING("flapping (up 5 s, down 5 s)", Scenario.FLAPPING.faults()),
    /** A clean first run, then every connection black-holed; the run after it is timed. */
    OUTAGE("full outage after warm-up (timed: the run after)", Faults.NONE),
    /** GOPROXY=a,b where a's name does not resolve and b is healthy. */
    DNS("DNS failure of the first upstream, second healthy", Faults.NONE);

    private final String label;
    private final Faults faults;

    LabScenario(String label, Faults faults) {
        this.label = label;
        this.faults = faults;
    }

    /** Returns the description shown in the report. */
    String label() {
        return label;
    }

    /** Returns the relay's faults while the timed run goes on. */
    Faults faults() {
        return faults;
    }

    /**
     * Returns how long after the faults are set the timed run starts: a flapping relay starts up, and a
     * run shorter than the up time would never meet a down phase, so the run starts a second before the
     * first one.
     */
    Duration leadIn() {
        return this == FLAPPING ? faults.flapUp().minusSeconds(1) : Duration.ZERO;
    }

    /** Reports whether the timed run follows a clean warm-up run and then an outage. */
    boolean warmsUpFirst() {
        return this == OUTAGE;
    }

    /** Returns the GOPROXY list a client gets, with {@code relayUrl} the healthy upstream. */
    String upstream(String relayUrl) {
        // The .invalid top-level domain never resolves (RFC 6761).
        return this == DNS ? "http://upstream-a.invalid:" + relayUrl.replaceAll(".*:", "") + "," + relayUrl : relayUrl;
    }

    /** Starts what changes the relay's faults during a run (a virtual thread to interrupt), or returns null. */
    Thread drive(FaultRelay relay) {
        if (this != BURSTS) {
            return null;
        }
        return Thread.ofVirtual().name("lab-bursts").start(() -> {
            try {
                for (int i = 0; ; i++) {
                    Thread.sleep(Duration.ofMillis(1500));
                    relay.faults(Faults.NONE.withStatus(1.0, i % 2 == 0 ? 502 : 503, Duration.ZERO));
                    Thread.sleep(Duration.ofMillis(500));
                    relay.faults(Faults.NONE);
                }
            } catch (InterruptedException | IOException e) {
                // the run is over
            }
        });
    }
}
