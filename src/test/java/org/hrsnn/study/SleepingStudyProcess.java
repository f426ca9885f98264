package org.hrsnn.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a study (args: root, name, ready file) whose trials sleep for a minute after writing the ready file; with
 * a fourth argument "exit", the process exits (as on Ctrl-C: shutdown hooks run) once its trial has started.
 * (The exit is called from inside because a JVM started where SIGTERM is ignored, as under some build tools,
 * ignores it too.)
 */
public final class SleepingStudyProcess {
    public static void main(String[] args) throws Exception {
        Study s = Study.open(Path.of(args[0]), args[1]);
        Problem sleeping = new Problem() {
            public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) {
                try {
                    Files.writeString(Path.of(args[2]), "started");
                    if (args.length > 3) new Thread(() -> System.exit(130)).start();
                    Thread.sleep(60_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return new Outcome(Trial.State.COMPLETE, Map.of("e", 1.0), null);
            }

            public String stageMetric() {
                return "e";
            }

            public double loss(Trial t) {
                return 0;
            }
        };
        new StudyRunner(s, sleeping).run(null, 1, null);
    }
}
