package dev.holdfast.testing;

import java.util.Random;

/**
 * What the fault relay will do to one connection, decided when it is accepted.
 *
 * @param faults the faults in force when the connection was accepted
 * @param blackHole never answer
 * @param status answer with {@code faults.status()} without asking the upstream
 * @param reset reset the connection (before the answer or part way through the body)
 * @param truncate cut the response body short
 * @param corrupt flip bytes in the response body
 * @param trickle send the response body slowly, maybe stalling
 * @param seed seeds the choice of which bytes to flip
 */
record ConnectionPlan(
        Faults faults,
        boolean blackHole,
        boolean status,
        boolean reset,
        boolean truncate,
        boolean corrupt,
        boolean trickle,
        long seed) {

    /**
     * Draws a plan from {@code random}. Every plan takes the same seven draws whatever the shares, so that
     * with one seed the n-th connection meets the same dice even when a test changes one share.
     */
    static ConnectionPlan draw(Random random, Faults f) {
        boolean blackHole = random.nextDouble() < f.blackHoleShare();
        boolean status = random.nextDouble() < f.statusShare();
        boolean reset = random.nextDouble() < f.resetShare();
        boolean truncate = random.nextDouble() < f.truncateShare();
        boolean corrupt = random.nextDouble() < f.corruptShare();
        long seed = random.nextLong();
        boolean trickle = random.nextDouble() < f.trickleShare();
        return new ConnectionPlan(f, blackHole, status, reset, truncate, corrupt, trickle, seed);
    }

    /** Reports whether the connection is reset right after the request, before any answer. */
    boolean resetBeforeResponse() {
        return reset && faults.resetAfterBodyBytes() == Faults.RESET_BEFORE_RESPONSE;
    }
}
