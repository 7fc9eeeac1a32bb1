package dev.holdfast.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work: a bar on a terminal, one plain line per finished step on standard error
 * elsewhere (CI logs), nothing at all when quiet. Standard output is left to results, so JSON stays
 * machine-readable. Thread-safe.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintWriter log;

    private Progress(ProgressBar bar, PrintWriter log) {
        this.bar = bar;
        this.log = log;
    }

    /**
     * Starts progress over {@code total} steps named {@code task}: a bar on the process's standard error
     * when {@code terminal}, else one line per step on {@code log}.
     */
    static Progress start(String task, long total, boolean quiet, boolean terminal, PrintWriter log) {
        if (quiet || total <= 1) { // one step: its result says it all
            return new Progress(null, null);
        }
        if (terminal) {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .build();
            return new Progress(bar, null);
        }
        return new Progress(null, log);
    }

    /** Records one finished step, described by {@code what}. */
    synchronized void step(String what) {
        if (bar != null) {
            bar.setExtraMessage(what);
            bar.step();
        } else if (log != null) {
            log.println("holdfast: " + what);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
