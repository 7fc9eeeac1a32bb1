package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a response body from {@code java.net.http} one chunk at a time under a {@link BodyWatch}: the
 * client's own timeout stops once the headers have arrived, so a body that stops flowing would block a
 * reader forever. Here each wait for the next chunk is bounded, and a body too slow for its link or past
 * its deadline is abandoned; either way the transfer is cancelled (closing the connection) and fails
 * with {@link StalledTransferException}.
 *
 * <p>Back-pressure: one chunk is requested at a time, so an unread body never fills memory. One thread
 * reads; the client's threads deliver.
 */
final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final BodyWatch watch;
    private Flow.Subscription subscription;
    private boolean cancelled;
    private boolean done;

    /** Returns a reader that abandons the body when {@code watch} says so. */
    BodyReader(BodyWatch watch) {
        this.watch = watch;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancelNow;
        synchronized (this) {
            subscription = s;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        queue.add(failure);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /**
     * Returns the next chunk of the body, or null at its end.
     *
     * @throws StalledTransferException if no chunk came in time, or the body is too slow
     * @throws IOException if the transfer failed (a reset, or a body cut short)
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next() throws IOException {
        if (done) {
            return null;
        }
        Object item;
        try {
            item = queue.poll(watch.nextWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new InterruptedIOException("interrupted while reading a response body");
        }
        if (item == null) {
            cancel();
            throw watch.timedOut();
        }
        if (item == END) {
            done = true;
            return null;
        }
        if (item instanceof Throwable failure) {
            done = true;
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        List<ByteBuffer> chunk = (List<ByteBuffer>) item;
        try {
            watch.received(chunk.stream().mapToInt(ByteBuffer::remaining).sum());
        } catch (StalledTransferException e) {
            cancel();
            throw e;
        }
        request();
        return chunk;
    }

    private void request() {
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s != null) {
            s.request(1);
        }
    }

    /** Abandons the rest of the body; the connection is closed rather than reused. */
    void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            cancelled = true;
            done = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * Returns the whole rest of the body, failing with {@link ResponseTooLargeException} (and abandoning the
     * rest) as soon as more than {@code limit} bytes arrived. What it holds beyond {@link
     * BodyBudget#FREE_BYTES} is reserved from {@code budget} while it reads.
     */
    byte[] readAll(long limit, BodyBudget budget) throws IOException {
        List<byte[]> parts = new java.util.ArrayList<>();
        long total = 0;
        int reserved = 0;
        try {
            for (List<ByteBuffer> chunk = next(); chunk != null; chunk = next()) {
                for (ByteBuffer b : chunk) {
                    if (total + b.remaining() > limit) {
                        cancel();
                        throw new ResponseTooLargeException("response body larger than " + limit + " bytes");
                    }
                    total += b.remaining();
                    while (total > BodyBudget.FREE_BYTES + (long) reserved * BodyBudget.STEP_BYTES) {
                        budget.reserveStep();
                        reserved++;
                    }
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    parts.add(bytes);
                }
            }
            byte[] all = new byte[(int) total];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        } catch (IOException e) {
            cancel();
            throw e;
        } finally {
            budget.release(reserved);
        }
    }

    /** Returns up to {@code limit} bytes of the body and abandons the rest. */
    byte[] readPrefix(int limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        List<ByteBuffer> chunk;
        while (out.size() < limit && (chunk = next()) != null) {
            for (ByteBuffer b : chunk) {
                int n = Math.min(b.remaining(), limit - out.size());
                byte[] bytes = new byte[n];
                b.get(bytes);
                out.write(bytes);
            }
        }
        cancel();
        return out.toByteArray();
    }
}
