package dev.holdfast.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of an HTTP/1.1 origin that injects network faults (MISSION D2):
 * latency, a bandwidth limit, connection resets, black holes, truncated and corrupted bodies, error
 * statuses of its own, refused connections and flapping. Faults are set at run time with {@link
 * #faults(Faults)}, from presets in {@link Scenario} or built with {@link Faults}'s copies.
 *
 * <p>Each connection carries exactly one request: the relay rewrites the request's and the response's
 * hop-by-hop headers to {@code Connection: close}, so that "this connection" and "this response" are the
 * same thing and a body ends when the upstream closes. Clients see no difference beyond a new
 * connection per request. Requests are relayed unchanged otherwise ({@code Host} included); only
 * responses are shaped. Name-lookup failures are out of a TCP relay's reach. {@code
 * Expect: 100-continue} and protocol upgrades are not supported.
 *
 * <p>What happens to a connection is decided when it is accepted, from a {@link Random} seeded at
 * {@link #open}: the same seed and the same sequence of connections give the same faults. Counters
 * report connections accepted and faults injected by kind. Thread-safe.
 */
public final class FaultRelay implements AutoCloseable {
    /** The largest chunk the relay writes at once; latency per chunk and corruption act per chunk. */
    public static final int CHUNK_BYTES = 8192;

    private final InetSocketAddress upstream;
    private final Random random;
    private final LinkPacer pacer = new LinkPacer();
    private final AtomicLong connections = new AtomicLong();
    private final Map<FaultKind, AtomicLong> counts = new EnumMap<>(FaultKind.class);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object listenerLock = new Object();
    private final Object faultsLock = new Object();
    private volatile Faults faults = Faults.NONE;
    private ServerSocket listener; // guarded by listenerLock
    private int port; // guarded by listenerLock
    private Thread flapper; // guarded by faultsLock

    private FaultRelay(InetSocketAddress upstream, long seed) {
        this.upstream = upstream;
        this.random = new Random(seed);
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    /**
     * Returns a new relay to {@code upstream}, listening on an ephemeral port of 127.0.0.1, with no faults
     * and its random source seeded with {@code seed}.
     */
    public static FaultRelay open(InetSocketAddress upstream, long seed) throws IOException {
        FaultRelay relay = new FaultRelay(upstream, seed);
        relay.start();
        return relay;
    }

    /** Returns the faults in force. */
    public Faults faults() {
        return faults;
    }

    /**
     * Sets the faults for connections accepted from now on; connections already open keep theirs. A
     * change of the flapping times restarts the flapping cycle (up first); ending flapping leaves the relay
     * listening.
     */
    public void faults(Faults newFaults) throws IOException {
        synchronized (faultsLock) {
            Faults old = faults;
            faults = newFaults;
            if (old.flapUp().equals(newFaults.flapUp()) && old.flapDown().equals(newFaults.flapDown())) {
                return;
            }
            stopFlapping();
            start();
            if (newFaults.flapping()) {
                flapper = Thread.ofVirtual().name("relay-flapper").start(() -> flap(newFaults));
            }
        }
    }

    /** Starts listening again on the same port (does nothing if listening). */
    public void start() throws IOException {
        synchronized (listenerLock) {
            if (listener != null) {
                return;
            }
            ServerSocket socket = Loopback.bind(port, address -> {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true); // rebinding right after a stop must not wait for TIME_WAIT
                s.bind(address, 128);
                return s;
            });
            port = socket.getLocalPort();
            listener = socket;
            Thread.ofVirtual().name("relay-accept-" + port).start(() -> accept(socket));
        }
    }

    /**
     * Stops listening, so that new connections are refused, and resets the connections already open, as
     * when a link goes down. Counted as a {@link FaultKind#REFUSE}.
     */
    public void stop() {
        synchronized (listenerLock) {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            count(FaultKind.REFUSE);
        }
        open.forEach(RelayConnection::reset);
    }

    /** Stops flapping and listening for good, and resets every open connection. */
    @Override
    public void close() {
        synchronized (faultsLock) {
            stopFlapping();
        }
        synchronized (listenerLock) {
            if (listener != null) {
                closeQuietly(listener);
                listener = null;
            }
        }
        open.forEach(RelayConnection::reset);
    }

    /** Returns the port, which stays the same across {@link #stop()} and {@link #start()}. */
    public int port() {
        synchronized (listenerLock) {
            return port;
        }
    }

    /** Returns the relay's socket address on 127.0.0.1. */
    public InetSocketAddress address() {
        return new InetSocketAddress(Loopback.ADDRESS, port());
    }

    /** Returns the base URL of the upstream as seen through the relay, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Returns how many connections the relay has accepted. */
    public long connections() {
        return connections.get();
    }

    /** Returns how many faults of {@code kind} the relay has injected. */
    public long faultCount(FaultKind kind) {
        return counts.get(kind).get();
    }

    /** Returns a snapshot of every fault counter. */
    public Map<FaultKind, Long> faultCounts() {
        Map<FaultKind, Long> snapshot = new EnumMap<>(FaultKind.class);
        counts.forEach((kind, n) -> snapshot.put(kind, n.get()));
        return Map.copyOf(snapshot);
    }

    private void accept(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // the listener was closed
            }
            connections.incrementAndGet();
            ConnectionPlan plan;
            synchronized (random) {
                plan = ConnectionPlan.draw(random, faults);
            }
            remember(client);
            if (socket.isClosed()) {
                RelayConnection.reset(client); // stopped while accepting: the sweep in stop() may have missed it
            }
            RelayConnection connection = new RelayConnection(this, client, plan);
            Thread.ofVirtual().name("relay-connection").start(connection::run);
        }
    }

    private void flap(Faults f) {
        try {
            while (true) {
                Thread.sleep(f.flapUp());
                stop();
                Thread.sleep(f.flapDown());
                start();
            }
        } catch (InterruptedException | IOException e) {
            // flapping ended (or the port could not be had again; start() will report that)
        }
    }

    private void stopFlapping() {
        Thread t = flapper;
        flapper = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    InetSocketAddress upstream() {
        return upstream;
    }

    LinkPacer pacer() {
        return pacer;
    }

    void count(FaultKind kind) {
        counts.get(kind).incrementAndGet();
    }

    void remember(Socket socket) {
        open.add(socket);
    }

    void forget(Socket socket) {
        open.remove(socket);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: it is closed either way
        }
    }
}
