package org.hrsnn.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A worker on "another machine" (run with $HRSNN_HOST set to another name): runs a study (args: storage address,
 * name, ready file) whose trials write the ready file and then sleep a minute, beating every 0.2 s.
 */
public final class HeartbeatWorkerProcess {
    public static void main(String[] args) throws Exception {
        Study s = Study.open(StorageUrl.parse(args[0]), args[1]);
        Problem sleeping = new Problem() {
            public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) {
                try {
                    Files.writeString(Path.of(args[2]), "started");
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
                return 1;
            }
        };
        new StudyRunner(s, sleeping).liveness(new StudyRunner.Liveness(Duration.ofMillis(200), Duration.ofMillis(1000))).run(null, 1, null);
    }
}
