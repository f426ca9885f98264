import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hrsnn.study.Journal;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Problem;
import org.hrsnn.study.StorageUrl;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Four worker processes on one PostgreSQL study (Branin, 40 trials, each evaluation sleeps 1 s): three on this
 * host and one as "machine-b" (HRSNN_HOST), which is killed with SIGKILL half a second into its second trial. Checks that the budget is met,
 * that no trial number is lost or repeated, and that the killed worker's trial re-ran exactly once (by a worker of
 * this host, after the heartbeat grace period of 4 s). The server is an embedded PostgreSQL (from the test
 * class path). Run by hand from the repository:
 *   mvn -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 *   java -cp "target/classes:$(cat /tmp/cp.txt)" bench/MultiWorkerPostgres.java
 */
public class MultiWorkerPostgres {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args[1], args[2]);
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = "postgresql://postgres@localhost:" + pg.getPort() + "/postgres";
            var om = new com.fasterxml.jackson.databind.ObjectMapper();
            var space = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(Path.of("search-spaces/branin.yaml").toFile());
            StudyConfig c = new StudyConfig("branin-pg", "search-spaces/branin.yaml", space, "none", Objective.MINIMIZE, 1, 40, -1, false,
                    java.time.Instant.now().toString(), "bench/MultiWorkerPostgres.java", om.createObjectNode(), null);
            Study.create(StorageUrl.parse(url), c, (cfg, sp) -> {}).close();
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<Process> workers = new ArrayList<>();
            Process victim = null;
            long t0 = System.nanoTime();
            for (int w = 0; w < 4; w++) {
                ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "bench/MultiWorkerPostgres.java", "worker", url, "branin-pg")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("/tmp/multiworker-" + w + ".log").toFile()));
                pb.environment().put("HRSNN_HEARTBEAT", "1");
                pb.environment().put("HRSNN_HEARTBEAT_GRACE", "4");
                if (w == 3) pb.environment().put("HRSNN_HOST", "machine-b");
                Process p = pb.start();
                workers.add(p);
                if (w == 3) victim = p;
            }
            try (Study s = Study.open(StorageUrl.parse(url), "branin-pg")) { // kill it in the middle of its second trial
                while (s.storage().events().stream().filter(e -> e.kind().equals("running") && e.body().path("host").asText().equals("machine-b")).count() < 2)
                    Thread.sleep(100);
                Thread.sleep(500);
            }
            victim.destroyForcibly(); // SIGKILL
            victim.waitFor();
            System.out.printf("killed worker 3 (host machine-b, pid %d) at %.1f s%n", victim.pid(), (System.nanoTime() - t0) / 1e9);
            for (Process p : workers) p.waitFor();
            System.out.printf("all workers ended at %.1f s%n", (System.nanoTime() - t0) / 1e9);
            try (Study s = Study.open(StorageUrl.parse(url), "branin-pg")) {
                List<Trial> trials = s.trials();
                List<Journal.Event> events = s.storage().events();
                long finished = trials.stream().filter(Trial::finished).count();
                var numbers = trials.stream().map(Trial::number).toList();
                var created = events.stream().filter(e -> e.kind().equals("created")).map(Journal.Event::trial).toList();
                List<Journal.Event> reruns = events.stream().filter(e -> e.kind().equals("running") && e.body().path("rerun").asBoolean()).toList();
                System.out.printf("trials %d, finished %d (budget 40), distinct numbers %d, created events %d (distinct %d), numbers 0..%d%n", trials.size(), finished,
                        new HashSet<>(numbers).size(), created.size(), new HashSet<>(created).size(), numbers.get(numbers.size() - 1));
                for (Journal.Event e : reruns) {
                    int n = e.trial();
                    List<String> runs = events.stream().filter(x -> x.trial() == n && x.kind().equals("running"))
                            .map(x -> x.body().path("host").asText() + "/" + x.body().path("owner").asText().replaceAll("@.*", "")).toList();
                    Trial t = trials.get(n);
                    System.out.printf("re-run: trial %d, runs by %s, state %s, seed %d, params %s%n", n, runs, t.state(), t.seed(), t.params());
                }
                System.out.printf("re-runs: %d; heartbeats written: %d; by host: %s%n", reruns.size(), events.stream().filter(e -> e.kind().equals("heartbeat")).count(),
                        events.stream().filter(e -> e.kind().equals("running")).collect(java.util.stream.Collectors.groupingBy(e -> e.body().path("host").asText(), java.util.TreeMap::new, java.util.stream.Collectors.counting())));
            }
        }
    }

    static double branin(double x0, double x1) {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.pow(x1 - b * x0 * x0 + c * x0 - 6, 2) + 10 * (1 - t) * Math.cos(x0) + 10;
    }

    static void worker(String url, String name) throws Exception {
        Study s = Study.open(StorageUrl.parse(url), name);
        Problem sleeping = new Problem() {
            public Outcome evaluate(Map<String, Object> p, long seed, Checkpoint cp) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return new Outcome(Trial.State.COMPLETE, Map.of("value", branin(((Number) p.get("x0")).doubleValue(), ((Number) p.get("x1")).doubleValue())), null);
            }

            public String stageMetric() {
                return "value";
            }

            public double loss(Trial t) {
                return t.metric("value") == null ? Double.NaN : t.metric("value");
            }
        };
        int n = new StudyRunner(s, sleeping).run(null, 1, null);
        System.out.println("worker finished " + n + " trials");
        s.close();
    }
}
