package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Single-flight mechanics: waiters' copies of failures keep their kind, and a leader's interrupt is not theirs. */
class CacheFlightsTest {
    @Test
    void forWaiter_keepsTypeMessageAndClassification() {
        UpstreamException busy = new UpstreamException("503 Service Unavailable", 503, true);
        IOException copy = CacheFlights.forWaiter(busy);
        assertThat(copy)
                .isInstanceOf(UpstreamException.class)
                .hasMessage("503 Service Unavailable")
                .hasCause(busy);
        assertThat(((UpstreamException) copy).status()).isEqualTo(503);
        assertThat(FetchErrors.isTransient(copy)).isTrue();

        IOException mismatch = CacheFlights.forWaiter(new ChecksumMismatchException("verifying x"));
        assertThat(mismatch).isInstanceOf(ChecksumMismatchException.class);
        assertThat(FetchErrors.isSecurity(mismatch)).isTrue();

        assertThat(CacheFlights.forWaiter(new ModuleNotFoundException("gone")))
                .isInstanceOf(ModuleNotFoundException.class);
        IOException refused = CacheFlights.forWaiter(new ConnectException("refused"));
        assertThat(refused).hasMessage("refused");
        assertThat(FetchErrors.isTransient(refused)).isTrue();
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> CacheFlights.forWaiter(bug)).isSameAs(bug);
    }

    @Test
    void inFlight_listsTheKeysBeingFetched_untilTheyLand() throws Exception {
        CacheFlights flights = new CacheFlights();
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] leaders = new Thread[2];
        for (int i = 0; i < 2; i++) {
            String key = "example.com/m" + (1 - i) + "/@v/v1.0.0.zip";
            leaders[i] = Thread.ofVirtual().start(() -> {
                try {
                    flights.run(key, () -> {
                        started.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException("interrupted");
                        }
                        return "done";
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(flights.inFlight(10))
                .containsExactly("example.com/m0/@v/v1.0.0.zip", "example.com/m1/@v/v1.0.0.zip");
        assertThat(flights.inFlight(1)).hasSize(1);

        release.countDown();
        for (Thread t : leaders) {
            t.join();
        }
        assertThat(flights.inFlight(10)).isEmpty();
    }

    @Test
    void run_leaderInterrupted_waiterFliesAgain() throws Exception {
        CacheFlights flights = new CacheFlights();
        CountDownLatch leaderIn = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Thread leader = Thread.ofVirtual().start(() -> {
            try {
                flights.run("k", () -> {
                    calls.incrementAndGet();
                    leaderIn.countDown();
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException("leader interrupted");
                    }
                    return "leader";
                });
            } catch (IOException e) {
                // expected
            }
        });
        assertThat(leaderIn.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return flights.run("k", () -> {
                    calls.incrementAndGet();
                    return "waiter";
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(100);
        leader.interrupt();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("waiter");
        assertThat(calls).hasValue(2);
    }

    @Test
    void backgroundCommit_handsTheResultOutBeforeTheCommitEnds_andNobodyFetchesAgainMeanwhile() throws Exception {
        CacheFlights flights = new CacheFlights(true);
        CountDownLatch commitStarted = new CountDownLatch(1);
        CountDownLatch releaseCommit = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        CacheFlights.Work<String> fetch = () -> "v" + fetches.incrementAndGet();
        CacheFlights.Commit<String> commit = value -> {
            commitStarted.countDown();
            try {
                releaseCommit.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted");
            }
        };

        assertThat(flights.run("k", fetch, commit)).isEqualTo("v1"); // returns while the commit waits
        assertThat(commitStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(flights.inFlight(10)).containsExactly("k");
        assertThat(flights.run("k", fetch, commit)).isEqualTo("v1"); // the open flight's result
        assertThat(flights.awaitCommits(java.time.Duration.ofMillis(50))).isFalse();

        releaseCommit.countDown();
        assertThat(flights.awaitCommits(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(flights.inFlight(10)).isEmpty();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void backgroundCommit_thatFails_closesTheFlight_soTheNextRequestFetchesAgain() throws Exception {
        CacheFlights flights = new CacheFlights(true);
        AtomicInteger fetches = new AtomicInteger();
        CacheFlights.Work<String> fetch = () -> "v" + fetches.incrementAndGet();
        CacheFlights.Commit<String> failing = value -> {
            throw new IOException("disk full");
        };
        assertThat(flights.run("k", fetch, failing)).isEqualTo("v1");
        assertThat(flights.awaitCommits(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(flights.run("k", fetch, failing)).isEqualTo("v2");
        assertThat(flights.awaitCommits(java.time.Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void inlineCommit_thatFails_failsTheFlight() {
        CacheFlights flights = new CacheFlights();
        assertThatThrownBy(() -> flights.run("k", () -> "v", value -> {
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(flights.inFlight(10)).isEmpty();
    }

    @Test
    void aWaiterWithoutAFallback_fliesAgain_whenAnImpatientLeaderGaveUpOnTheUpstream() throws Exception {
        CacheFlights flights = new CacheFlights();
        CountDownLatch leaderIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Throwable> leaderOutcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                // a prefetch: something else to fall back on, so it does not wait for an open breaker
                FetchScope.within(
                        java.time.Instant.now().plusSeconds(30),
                        true,
                        () -> flights.run("k", () -> {
                            leaderIn.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                throw new InterruptedIOException("interrupted");
                            }
                            throw new ConnectException("circuit breaker open");
                        }));
                leaderOutcome.complete(null);
            } catch (IOException e) {
                leaderOutcome.complete(e);
            }
        });
        assertThat(leaderIn.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> patient = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                patient.complete(flights.run("k", () -> "fetched by the client itself"));
            } catch (IOException e) {
                patient.completeExceptionally(e);
            }
        });
        CompletableFuture<Throwable> impatient = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                FetchScope.within(java.time.Instant.now().plusSeconds(30), true, () -> flights.run("k", () -> "x"));
                impatient.complete(null);
            } catch (IOException e) {
                impatient.complete(e);
            }
        });
        Thread.sleep(100);
        release.countDown();

        assertThat(leaderOutcome.get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectException.class);
        assertThat(patient.get(5, TimeUnit.SECONDS)).isEqualTo("fetched by the client itself");
        assertThat(impatient.get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectException.class);
    }
}
