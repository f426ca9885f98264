package org.hrsnn.cli;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * What study run shows as trials finish: a line per trial, and on a terminal also a live bar (progressbar)
 * redrawn in place under those lines, with the elapsed time and the ETA. The bar's ETA is linear in the
 * trials finished by this run (elapsed / finished * remaining), the same as the lines' with any number of
 * workers.
 */
final class RunProgress implements StudyRunner.Listener, AutoCloseable {
    private final PrintWriter out;
    private final ProgressBar bar;
    private final Object lock = new Object();
    private String lastBar = "";

    private RunProgress(PrintWriter out, boolean live, String name, long before, int budget) {
        this.out = out;
        this.bar = live ? new ProgressBarBuilder().setTaskName(name).setInitialMax(budget).startsFrom(before, Duration.ZERO)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" trials", 1).setUpdateIntervalMillis(1000)
                .setConsumer(new DelegatingProgressBarConsumer(this::draw, width())).build() : null;
    }

    static RunProgress of(PrintWriter out, boolean live, String name, long before, int budget) {
        return new RunProgress(out, live, name, before, budget);
    }

    /** The terminal's width from $COLUMNS, else 100 characters. */
    private static int width() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private void draw(String rendered) {
        synchronized (lock) {
            lastBar = rendered;
            out.print("\r" + rendered);
            out.flush();
        }
    }

    @Override
    public void finished(Trial trial, List<Trial> all, int budget, StudyRunner.Pace pace) {
        String line = StudyCommand.progressLine(trial, all, budget, pace);
        if (bar == null) {
            out.println(line);
            out.flush();
            return;
        }
        synchronized (lock) {
            out.print("\r\033[K" + line + "\n" + lastBar); // the trial's line above, the bar below it again
            out.flush();
        }
        bar.maxHint(budget);
        bar.stepTo(all.stream().filter(Trial::finished).count());
        bar.setExtraMessage(StudyCommand.bestSoFar(all));
    }

    @Override
    public void close() {
        if (bar == null) return;
        bar.close();
        synchronized (lock) {
            out.println();
            out.flush();
        }
    }
}
