package org.hrsnn.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** What every storage backend must do, run on each: the journal, SQLite and PostgreSQL. */
class StorageContractTest {
    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    static StudyConfig config(String name, long seed, int budget) throws Exception {
        return new StudyConfig(name, "fake.yaml", PercentilePrunerTest.space(), "fake", Objective.E, seed, budget, 3, false,
                Instant.parse("2026-01-01T00:00:00Z").toString(), "test", JSON.createObjectNode(), null);
    }

    static Study create(StorageUrl url, String name, long seed, int budget) throws Exception {
        return Study.create(url, config(name, seed, budget), (c, s) -> {});
    }

    static Storage.Proposal any(double x) {
        return new Storage.Proposal(-1, Map.of("x", x), new double[] {x}, n -> 1000L + n);
    }

    static final Storage.Worker DEAD = new Storage.Worker("1@1970-01-01T00:00:00Z", "w", "elsewhere"); // pid 1 never has that start time

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void concurrentClaimsFromThreadsNeverCollide(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        String name = Backends.name("claims");
        create(url, name, 1, 40).close();
        int threads = 4;
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        for (int w = 0; w < threads; w++) {
            Study s = Study.open(url, name); // each thread its own connection, as separate workers
            int id = w;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    Storage.Worker me = new Storage.Worker("me", "t" + id, "here");
                    while (true) {
                        Trial c = s.storage().claimNew(me, 40, any(id / 10.0));
                        if (c == null) break;
                        got.add(c.number());
                        assertTrue(s.storage().finish(c.number(), Trial.State.COMPLETE, Map.of("e", (double) id), null, 0));
                    }
                    s.close();
                } catch (Throwable e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                }
            });
            ts.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : ts) t.join();
        assertEquals(0, errors.get());
        assertEquals(40, got.size());
        assertEquals(40, new HashSet<>(got).size(), "no number handed out twice");
        Study s = Study.open(url, name);
        List<Trial> trials = s.trials();
        assertEquals(40, trials.size());
        for (int n = 0; n < 40; n++) {
            assertEquals(n, trials.get(n).number());
            assertEquals(Trial.State.COMPLETE, trials.get(n).state());
            assertEquals(1000L + n, trials.get(n).seed(), "the seed follows the number the trial got");
        }
        s.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void concurrentClaimsFromProcessesNeverCollide(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        String name = Backends.name("procs");
        create(url, name, 1, 30).close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> ps = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String address = kind.equals("postgresql") ? "postgresql://postgres@localhost:" + Backends.postgresPort() + "/postgres" : url.toString();
            ps.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ClaimingProcess.class.getName(), address, name, "30")
                    .redirectErrorStream(true).start());
        }
        List<Integer> got = new ArrayList<>();
        for (Process p : ps) {
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            for (String line : out.strip().split("\\s+")) if (!line.isEmpty()) got.add(Integer.parseInt(line));
        }
        assertEquals(30, got.size(), got.toString());
        assertEquals(30, new HashSet<>(got).size(), "no number handed out twice: " + got);
        Study s = Study.open(url, name);
        assertEquals(30, s.trials().stream().filter(t -> t.state() == Trial.State.COMPLETE).count());
        s.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void aStaleTrialIsReRunOnceWithItsParametersAndSeedWhoeverNotices(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        String name = Backends.name("stale");
        Study s = create(url, name, 1, 5);
        Trial lost = s.storage().claimNew(DEAD, 5, any(0.25));
        assertNotNull(lost);
        int threads = 4;
        List<Trial> reclaimed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Study mine = Study.open(url, name);
            int id = w;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    Trial r = mine.storage().claimStale(new Storage.Worker("me", "t" + id, "here"), 5, 2, l -> !StudyRunner.alive(l.trial().owner()) && !l.trial().owner().equals("me"));
                    if (r != null) reclaimed.add(r);
                    mine.close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ts.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : ts) t.join();
        assertEquals(1, reclaimed.size(), "exactly one worker re-runs it");
        Trial r = reclaimed.get(0);
        assertEquals(lost.number(), r.number());
        assertEquals(lost.seed(), r.seed());
        assertEquals(lost.params(), r.params());
        assertArrayEquals(lost.unit(), r.unit());
        long reruns = s.storage().events().stream().filter(e -> e.kind().equals("running") && e.body().path("rerun").asBoolean()).count();
        assertEquals(1, reruns);
        s.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void theFirstOutcomeStandsAndReleaseAndPoisonAreCounted(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        Study s = create(url, Backends.name("outcome"), 1, 5);
        Storage st = s.storage();
        Trial t = st.claimNew(DEAD, 5, any(0.5));
        st.intermediate(t.number(), Map.of("e", 2.0), 0.1);
        assertTrue(st.finish(t.number(), Trial.State.PRUNED, Map.of("e", 2.0), "too many spikes", 0.2));
        assertFalse(st.finish(t.number(), Trial.State.COMPLETE, Map.of("e", 1.0), null, 0.3), "the first outcome stands");
        Trial done = st.trials().get(0);
        assertEquals(Trial.State.PRUNED, done.state());
        assertEquals("too many spikes", done.reason());
        assertEquals(2.0, done.metric("e"));

        Trial u = st.claimNew(DEAD, 5, any(0.7));
        st.release(List.of(u.number()));
        assertEquals(Trial.State.CREATED, st.trials().get(u.number()).state());
        // released: re-claimed without counting a death; then two dead claims make it a poison trial
        assertEquals(u.number(), st.claimStale(DEAD, 5, 2, x -> true).number());
        assertEquals(u.number(), st.claimStale(DEAD, 5, 2, x -> true).number());
        assertNull(st.claimStale(DEAD, 5, 2, x -> true), "died twice: recorded as failed, not re-run");
        Trial poisoned = st.trials().get(u.number());
        assertEquals(Trial.State.FAILED, poisoned.state());
        assertTrue(poisoned.reason().contains("died 2 times"), poisoned.reason());
        s.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void theBudgetIsNeverExceeded(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        Study s = create(url, Backends.name("budget"), 1, 2);
        assertNotNull(s.storage().claimNew(DEAD, 2, any(0.1)));
        assertNotNull(s.storage().claimNew(DEAD, 2, any(0.2)));
        assertNull(s.storage().claimNew(DEAD, 2, any(0.3)), "two running trials fill a budget of two");
        assertNull(s.storage().claimNew(DEAD, 5, new Storage.Proposal(1, Map.of("x", 0.3), new double[] {0.3}, n -> n)), "number 1 is taken");
        s.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void aCorruptRecordIsReportedNamingIt(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        String name = Backends.name("corrupt");
        Study s = create(url, name, 1, 5);
        for (int i = 0; i < 2; i++) {
            Trial t = s.storage().claimNew(DEAD, 5, any(0.1 * i));
            s.storage().finish(t.number(), Trial.State.COMPLETE, Map.of("e", 1.0), null, 0);
        }
        s.close();
        String where;
        if (kind.equals("journal")) {
            Path journal = url.path().resolve(name).resolve(Study.JOURNAL);
            List<String> lines = new ArrayList<>(Files.readAllLines(journal));
            lines.set(2, lines.get(2).substring(0, 20) + "#"); // damaged in the middle: not a torn last line
            Files.write(journal, lines);
            where = "line 3";
        } else {
            try (var c = kind.equals("sqlite") ? DriverManager.getConnection(url.jdbc()) : DriverManager.getConnection(url.jdbc(), url.credentials());
                 var q = c.prepareStatement("UPDATE hrsnn_events SET body = ? WHERE id = (SELECT id FROM hrsnn_events WHERE study = ? ORDER BY id LIMIT 1 OFFSET 2)")) {
                q.setString(1, "{\"v\": 1, \"event\": \"complete\", \"tri");
                q.setString(2, name);
                assertEquals(1, q.executeUpdate());
                if (!c.getAutoCommit()) c.commit();
            }
            where = "event id";
        }
        Study again = Study.open(url, name);
        Journal.CorruptJournalException e = assertThrows(Journal.CorruptJournalException.class, again::trials);
        assertTrue(e.getMessage().contains(where) && e.getMessage().contains("not valid JSON"), e.getMessage());
        assertFalse(e.getMessage().contains(Backends.PASSWORD));
        assertThrows(Journal.CorruptJournalException.class, () -> again.storage().claimNew(DEAD, 5, any(0.9)), "nothing is appended to a damaged study");
        again.close();
    }

    static final Storage.Worker FAR = new Storage.Worker("4242@2026-01-01T00:00:00Z", "w", "far-away"); // another machine: no pid to ask

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void aTrialWhoseHeartbeatStoppedIsReRunOnceAfterTheGracePeriod(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        String name = Backends.name("beat");
        Study s = create(url, name, 1, 5);
        java.time.Duration grace = java.time.Duration.ofMillis(3000);
        Trial t = s.storage().claimNew(FAR, 5, any(0.4));
        Storage.Worker me = new Storage.Worker(StudyRunner.SELF, "t", StudyRunner.HOST);
        assertNull(s.storage().claimStale(me, 5, 2, l -> StudyRunner.gone(l, Instant.now(), grace)), "just claimed: alive");
        Thread.sleep(2000);
        s.storage().heartbeat(List.of(t.number()), FAR);
        Thread.sleep(2000); // 4 s after the claim (past the grace period), 2 s after the beat (within it)
        assertNull(s.storage().claimStale(me, 5, 2, l -> StudyRunner.gone(l, Instant.now(), grace)), "its heartbeat keeps it");
        Thread.sleep(1500); // 3.5 s after the beat
        List<Trial> reclaimed = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ts = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Study mine = Study.open(url, name);
            Thread th = new Thread(() -> {
                try {
                    Trial r = mine.storage().claimStale(me, 5, 2, l -> StudyRunner.gone(l, Instant.now(), grace));
                    if (r != null) reclaimed.add(r);
                    mine.close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join();
        assertEquals(1, reclaimed.size(), "3.5 s without a heartbeat: re-run once");
        assertEquals(t.seed(), reclaimed.get(0).seed());
        assertEquals(t.params(), reclaimed.get(0).params());
        // a heartbeat of the old owner does not take it back, nor is it written
        int before = s.storage().events().size();
        s.storage().heartbeat(List.of(t.number()), FAR);
        assertEquals(before, s.storage().events().size());
        assertEquals(StudyRunner.SELF, s.trials().get(t.number()).owner());
        s.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite", "postgresql"})
    void aWorkerOnAnotherHostKilledMidTrialIsRecoveredThroughItsHeartbeat(String kind) throws Exception {
        StorageUrl url = Backends.url(kind, dir);
        String name = Backends.name("kill");
        create(url, name, 3, 4).close();
        Path ready = dir.resolve("ready");
        String address = kind.equals("postgresql") ? "postgresql://postgres@localhost:" + Backends.postgresPort() + "/postgres" : url.toString();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                HeartbeatWorkerProcess.class.getName(), address, name, ready.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile());
        pb.environment().put("HRSNN_HOST", "machine-b");
        Process p = pb.start();
        long until = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(ready) && p.isAlive() && System.nanoTime() < until) Thread.sleep(50);
        assertTrue(Files.exists(ready), "the worker started its trial: " + Files.readString(dir.resolve("worker.log")));
        Study s = Study.open(url, name);
        while (s.storage().events().stream().noneMatch(e -> e.kind().equals("heartbeat") && e.trial() == 0) && p.isAlive() && System.nanoTime() < until)
            Thread.sleep(50); // its first heartbeat
        assertTrue(s.storage().events().stream().anyMatch(e -> e.kind().equals("heartbeat") && e.trial() == 0), "the worker beats while it lives");
        p.destroyForcibly(); // SIGKILL: no shutdown hook, nothing released
        p.waitFor();
        Trial lost = s.trials().get(0);
        assertEquals(Trial.State.RUNNING, lost.state());
        // this worker, on this host, sees a live-looking trial of another host: it runs the rest and waits out the grace period for trial 0
        int done = new StudyRunner(s, QUADRATIC).liveness(new StudyRunner.Liveness(Duration.ofMillis(200), Duration.ofMillis(1000))).run(null, 2, null);
        assertEquals(4, done, "the budget is met: three new trials and the re-run");
        List<Trial> trials = s.trials();
        assertEquals(4, trials.size(), "no trial lost or added");
        assertTrue(trials.stream().allMatch(t -> t.state() == Trial.State.COMPLETE));
        assertEquals(lost.seed(), trials.get(0).seed());
        assertEquals(lost.params(), trials.get(0).params());
        long reruns = s.storage().events().stream().filter(e -> e.kind().equals("running") && e.body().path("rerun").asBoolean()).count();
        assertEquals(1, reruns, "the killed trial re-ran once");
        s.close();
    }

    /** A problem with a closed form: e = (x - 0.3)^2 plus a seed-derived jitter, so parameters and seeds both show in the result. */
    static final Problem QUADRATIC = new Problem() {
        public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) {
            double x = ((Number) params.get("x")).doubleValue();
            double jitter = (Math.floorMod(seed, 1000)) * 1e-6;
            return new Outcome(Trial.State.COMPLETE, Map.of("e", (x - 0.3) * (x - 0.3) + jitter), null);
        }

        public String stageMetric() {
            return "e";
        }

        public double loss(Trial t) {
            return t.metric("e");
        }
    };

    @org.junit.jupiter.api.Test
    void theSameSeedGivesTheSameStudyOnEveryBackend() throws Exception {
        List<List<String>> studies = new ArrayList<>();
        for (String kind : List.of("journal", "sqlite", "postgresql")) {
            Study s = create(Backends.url(kind, dir), Backends.name("seed"), 42, 8);
            assertEquals(8, new StudyRunner(s, QUADRATIC).run(null, 1, null));
            List<String> rows = new ArrayList<>();
            for (Trial t : s.trials()) rows.add(t.number() + " " + t.state() + " " + t.params() + " " + t.seed() + " " + t.metrics());
            studies.add(rows);
            s.close();
        }
        assertEquals(8, studies.get(0).size());
        assertEquals(studies.get(0), studies.get(1), "SQLite as the journal");
        assertEquals(studies.get(0), studies.get(2), "PostgreSQL as the journal");
        Set<String> points = new HashSet<>();
        for (String r : studies.get(0)) points.add(r.split(" ")[2]);
        assertEquals(8, points.size(), "eight different points, not one repeated");
    }
}
