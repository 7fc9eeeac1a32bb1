package dev.holdfast.cli;

import java.io.PrintStream;
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
    private final PrintStream log;

    private Progress(ProgressBar bar, PrintStream log) {
        this.bar = bar;
        this.log = log;
    }

    /** Starts progress over {@code total} steps named {@code task}. */
    static Progress start(String task, long total, boolean quiet) {
        if (quiet) {
            return new Progress(null, null);
        }
        if (System.console() != null && System.console().isTerminal()) {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .build();
            return new Progress(bar, null);
        }
        return new Progress(null, System.err);
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
