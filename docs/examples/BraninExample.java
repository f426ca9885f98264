import org.hrsnn.api.FrozenTrial;
import org.hrsnn.api.Study;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Java API on Branin's function (minimum 0.397887): a study of search-spaces/branin.yaml in a SQLite file,
 * one trial enqueued by hand, one asked and told by hand, then 28 more run by optimize with 2 worker threads.
 * Run from the repository (after mvn package):
 *   java -cp "target/hrsnn.jar" docs/examples/BraninExample.java /tmp/branin.db
 */
public class BraninExample {
    static double branin(double x0, double x1) {
        double a = 1, b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
        return a * Math.pow(x1 - b * x0 * x0 + c * x0 - r, 2) + s * (1 - t) * Math.cos(x0) + s;
    }

    public static void main(String[] args) throws Exception {
        String storage = "sqlite:" + (args.length > 0 ? args[0] : "branin.db");
        try (Study study = Study.create(storage, "branin-" + System.currentTimeMillis(), Path.of("search-spaces/branin.yaml"), false, 1, 2)) {
            study.enqueue(Map.of("x0", 3.0, "x1", 3.0));                     // a point we want tried first
            var trial = study.ask().orElseThrow();                            // ask: the enqueued point
            FrozenTrial told = study.tell(trial, branin(trial.number("x0"), trial.number("x1")));
            System.out.printf("trial %d by hand: x = %s, value %.4f%n", told.number(), told.params(), told.value());
            study.optimize(t -> branin(t.number("x0"), t.number("x1")), 29, 2); // the rest: ask, evaluate, tell
            FrozenTrial best = study.best().orElseThrow();
            System.out.printf("%d trials; best: trial %d, x0 = %.4f, x1 = %.4f, value %.6f (minimum 0.397887)%n",
                    study.trials().size(), best.number(), (Double) best.params().get("x0"), (Double) best.params().get("x1"), best.value());
        }
    }
}
