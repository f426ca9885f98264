package org.hrsnn.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import org.hrsnn.score.Progress;

import java.io.PrintStream;

/**
 * Progress of one long piece of work (a task stage's samples, a benchmark's runs) on standard error: on a
 * terminal a live bar with the ETA (progressbar); otherwise a plain line at each further tenth, once the work
 * has taken more than {@link #QUIET_SECONDS} (short work prints nothing). The ETA is linear in the units done.
 */
final class WorkProgress implements Progress, AutoCloseable {
    static final double QUIET_SECONDS = 5;

    private final String task;
    private final String unit;
    private final PrintStream err;
    private final boolean live;
    private final long start = System.nanoTime();
    private ProgressBar bar;
    private int tenthsShown;

    private WorkProgress(String task, String unit, PrintStream err, boolean live) {
        this.task = task;
        this.unit = unit;
        this.err = err;
        this.live = live;
    }

    /** A bar on a terminal, else lines. */
    static WorkProgress of(String task, String unit) {
        return new WorkProgress(task, unit, System.err, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    /** Lines only, to {@code err} (for tests and redirected output). */
    static WorkProgress lines(String task, String unit, PrintStream err) {
        return new WorkProgress(task, unit, err, false);
    }

    @Override
    public void at(long done, long total) {
        if (live) {
            if (bar == null) bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(err)).build();
            bar.maxHint(total);
            bar.stepTo(done);
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int tenths = total <= 0 ? 10 : (int) (10 * done / total);
        if (tenths <= tenthsShown || (elapsed < QUIET_SECONDS && done < total)) return;
        tenthsShown = tenths;
        if (done >= total && elapsed < QUIET_SECONDS) return;
        err.println(line(task, unit, done, total, elapsed));
        err.flush();
    }

    /** "task: 40% (1,120 of 2,800 samples), 35 s, ETA 52 s". */
    static String line(String task, String unit, long done, long total, double elapsedSeconds) {
        double eta = done == 0 ? Double.NaN : elapsedSeconds / done * (total - done);
        return String.format(java.util.Locale.ROOT, "%s: %d%% (%,d of %,d %s), %s%s", task, total == 0 ? 100 : 100 * done / total, done, total, unit,
                duration(elapsedSeconds), done >= total ? "" : ", ETA " + (Double.isNaN(eta) ? "?" : duration(eta)));
    }

    static String duration(double s) {
        if (s < 90) return String.format("%.0f s", s);
        if (s < 5400) return String.format("%.1f min", s / 60);
        return String.format("%.1f h", s / 3600);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
