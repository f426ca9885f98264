package org.hrsnn.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.opt.SearchSpace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A study on disk: a folder {@code ROOT/NAME} with {@code study.json} (its {@link StudyConfig}) and
 * {@code journal.jsonl} (its {@link Journal}). Creation is atomic: everything is written in a hidden
 * temporary folder that is renamed into place, so a bad input or a crash leaves no study folder behind.
 */
public final class Study implements AutoCloseable {
    public static final String CONFIG = "study.json", JOURNAL = "journal.jsonl";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;
    private final StudyConfig config;
    private final SearchSpace space;
    private final Journal journal;
    private final Storage storage;
    private final StorageUrl url;

    private Study(Path folder, StudyConfig config, SearchSpace space) {
        this.folder = folder;
        this.config = config;
        this.space = space;
        this.journal = new Journal(folder.resolve(JOURNAL));
        this.storage = new EventStorage(journal);
        this.url = StorageUrl.journal(folder.getParent());
    }

    /** A study in a database: no folder, no journal file. */
    private Study(StorageUrl url, StudyConfig config, SearchSpace space, SqlLog log) {
        this.folder = null;
        this.config = config;
        this.space = space;
        this.journal = null;
        this.storage = new EventStorage(log);
        this.url = url;
    }

    /** Where the study is stored (printable: no credentials). */
    public StorageUrl url() { return url; }

    /** The study's folder (journal storage), or null for a study in a database. */
    public Path folder() { return folder; }
    public StudyConfig config() { return config; }
    public SearchSpace space() { return space; }
    /** The journal file (journal storage), or null for a study in a database. */
    public Journal journal() { return journal; }
    /** Where the trials are recorded. */
    public Storage storage() { return storage; }

    /** The trials as the storage says; events that contradict each other are refused, naming the line or record. */
    public List<Trial> trials() throws IOException {
        return storage.trials();
    }

    /** Checks a configuration the problem is made from (its space, task and settings). */
    @FunctionalInterface
    public interface Check {
        void check(StudyConfig config, SearchSpace space) throws StudyException;
    }

    /** Checks {@code config} (name, space, budget; the rest by {@code problem}) and writes the study. */
    public static Study create(Path root, StudyConfig config, Check problem) throws StudyException {
        checkName(config.name());
        SearchSpace space = space(config);
        checkTrials("trials", config.trials());
        problem.check(config, space);
        Path target = root.resolve(config.name());
        if (Files.exists(target)) throw new StudyException("study '" + config.name() + "' already exists in " + root);
        Path tmp = null;
        try {
            Files.createDirectories(root);
            org.hrsnn.export.Temporaries.cleanStale(root); // studies whose creation was killed before the rename
            tmp = Files.createTempDirectory(root, org.hrsnn.export.Temporaries.prefix(config.name()));
            org.hrsnn.export.FilePermissions.asNewDirectory(tmp); // as mkdir would under the umask, not owner-only
            Files.writeString(tmp.resolve(CONFIG), JSON.writeValueAsString(toJson(config)) + "\n");
            Files.createFile(tmp.resolve(JOURNAL));
            org.hrsnn.export.CrashPoints.reach("create.rename");
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new StudyException("cannot create study '" + config.name() + "' in " + root + ": " + org.hrsnn.export.FileProblems.describe(e), e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
        return new Study(target, config, space);
    }

    /** Checks {@code config} and adds the study to the storage at {@code url} (a journal folder or a database). */
    public static Study create(StorageUrl url, StudyConfig config, Check problem) throws StudyException {
        if (url.kind() == StorageUrl.Kind.JOURNAL) return create(url.path(), config, problem);
        checkName(config.name());
        SearchSpace space = space(config);
        checkTrials("trials", config.trials());
        problem.check(config, space);
        try {
            if (!SqlLog.create(url, config.name(), JSON.writeValueAsString(toJson(config))))
                throw new StudyException("study '" + config.name() + "' already exists in " + url);
            return new Study(url, config, space, SqlLog.open(url, config.name()));
        } catch (IOException e) {
            throw new StudyException("cannot create study '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    /** Opens a study of the storage at {@code url}. */
    public static Study open(StorageUrl url, String name) throws StudyException {
        if (url.kind() == StorageUrl.Kind.JOURNAL) return open(url.path(), name);
        checkName(name);
        String where = url + " study " + name;
        try {
            String text = SqlLog.config(url, name);
            if (text == null) throw new StudyException("no study '" + name + "' in " + url);
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new StudyException(where + ": configuration is not valid JSON: " + e.getOriginalMessage(), e);
            }
            Config c = config(where, n);
            return new Study(url, c.config(), c.space(), SqlLog.open(url, name));
        } catch (IOException e) {
            throw new StudyException("cannot open study '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Names of the studies of the storage at {@code url}. */
    public static List<String> list(StorageUrl url) throws IOException {
        return url.kind() == StorageUrl.Kind.JOURNAL ? list(url.path()) : SqlLog.list(url);
    }

    /**
     * Copies this study (its configuration and every event, as recorded: times, owners, outcomes) into the
     * storage at {@code to} under {@code name}: how a journal study moves into SQLite or PostgreSQL. The copy
     * is made new (a study of that name there is refused) and its events are written in one exclusive
     * section; a trial left running is re-run there, with its parameters and seed, once its process is gone.
     */
    public Study copyTo(StorageUrl to, String name) throws StudyException, IOException {
        List<Journal.Event> events = storage.events();
        storage.trials(); // a damaged source is refused before anything is written
        StudyConfig c = new StudyConfig(name, config.spaceSource(), config.space(), config.task(), config.objective(), config.seed(), config.trials(),
                config.initialPoints(), config.enqueueDefaults(), config.created(), config.tool(), config.evaluation(), config.sampler());
        Study copy = create(to, c, (cfg, sp) -> {});
        EventLog log = ((EventStorage) copy.storage).log();
        log.locked(s -> {
            if (!s.events().isEmpty()) throw new IOException(log.location() + ": the new study already has events");
            for (Journal.Event e : events) s.append(e.kind(), e.trial(), e.body().deepCopy()); // the body keeps its time
            return null;
        });
        return copy;
    }

    /** Closes the study's database connection, if it has one. */
    @Override
    public void close() throws IOException {
        if (storage instanceof EventStorage es && es.log() instanceof SqlLog sql) sql.close();
    }

    /** Largest study.json read: a configuration is a few hundred KB even with a large template inline. */
    static final long MAX_CONFIG_BYTES = 4 << 20;

    /** Refuses a name that is not a plain folder name (no path, no hidden or temporary folder). */
    public static void checkName(String name) throws StudyException {
        if (name == null || !NAME.matcher(name).matches())
            throw new StudyException("study name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (a folder directly under the studies folder)");
    }

    static void checkTrials(String what, long trials) throws StudyException {
        if (trials < 1 || trials > StudyConfig.MAX_TRIALS)
            throw new StudyException(what + " must be a whole number from 1 to " + StudyConfig.MAX_TRIALS + ", got " + trials);
    }

    public static Study open(Path root, String name) throws StudyException {
        checkName(name);
        Path folder = root.resolve(name), cfg = folder.resolve(CONFIG), journal = folder.resolve(JOURNAL);
        if (!Files.isDirectory(folder)) throw new StudyException("no study '" + name + "' in " + root + (Files.exists(folder) ? " (" + folder + " is not a folder)" : ""));
        if (!Files.isRegularFile(cfg)) throw new StudyException("no study '" + name + "' in " + root + " (no " + cfg + ")");
        if (!Files.isRegularFile(journal)) throw new StudyException(journal + ": the study's journal is missing (restore it from a backup; without it the trials are lost)");
        org.hrsnn.export.Temporaries.cleanStale(folder); // a new budget whose writer was killed before the rename
        JsonNode n;
        try {
            n = JSON.readTree(org.hrsnn.export.FileProblems.readText(cfg, MAX_CONFIG_BYTES));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StudyException(cfg + ": not valid JSON" + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StudyException(org.hrsnn.export.FileProblems.describe(e), e);
        }
        Config c = config(cfg.toString(), n);
        return new Study(folder, c.config(), c.space());
    }

    private record Config(StudyConfig config, SearchSpace space) {}

    /** A study's configuration from its JSON ({@code where}: the file, or the study in its database, for messages). */
    private static Config config(String cfg, JsonNode n) throws StudyException {
        ConfigFields f = new ConfigFields(cfg, n);
        if (n == null || !n.isObject()) throw new StudyException(cfg + ": must hold a JSON object (format " + StudyConfig.FORMAT + ")");
        if (!StudyConfig.FORMAT.equals(n.path("format").asText())) throw new StudyException(cfg + ": field 'format' must be \"" + StudyConfig.FORMAT + "\"");
        int version = (int) f.integer("version", 1, StudyConfig.VERSION, null);
        String objective = f.text("objective", true);
        Objective obj;
        try {
            obj = Objective.parse(objective);
        } catch (IllegalArgumentException e) {
            throw new StudyException(cfg + ": field 'objective': " + e.getMessage(), e);
        }
        JsonNode space = n.get("space");
        if (space == null || !space.isObject()) throw new StudyException(cfg + ": field 'space' must hold the study's search space (an object), got " + (space == null ? "nothing" : space.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        JsonNode evaluation = version == 1 ? null : f.object("evaluation"), sampler = version == 1 || !n.has("sampler") ? null : f.object("sampler");
        JsonNode acquisition = sampler == null ? null : sampler.get("acquisition"); // the proposer the runner resumes with
        if (acquisition != null && !(acquisition.isTextual() && org.hrsnn.opt.gp.GpSampler.RECORDED.contains(acquisition.asText())))
            throw new StudyException(cfg + ": field 'sampler.acquisition' must be one of " + org.hrsnn.opt.gp.GpSampler.RECORDED + ", got " + acquisition);
        StudyConfig c = new StudyConfig(f.text("name", true), f.text("spaceSource", false), space, f.text("task", true), obj,
                f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, null), (int) f.integer("trials", 1, StudyConfig.MAX_TRIALS, null),
                (int) f.integer("initialPoints", -1, StudyConfig.MAX_TRIALS, -1L), f.bool("enqueueDefaults"), f.text("created", false), f.text("tool", false),
                evaluation, sampler);
        try {
            return new Config(c, SearchSpaceFiles.fromTree(cfg + ": field 'space'", space, c.spaceSource()).space());
        } catch (SearchSpaceFiles.SpaceFileException e) {
            throw new StudyException(e.getMessage(), e);
        }
    }

    /** Reads the fields of a study.json, each checked: errors name the file, the field and what is allowed. */
    private record ConfigFields(String file, JsonNode n) {
        String text(String field, boolean required) throws StudyException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) throw new StudyException(file + ": field '" + field + "' is missing");
                return "";
            }
            if (!v.isTextual()) throw new StudyException(file + ": field '" + field + "' must be text, got " + v);
            if (v.asText().length() > 10_000) throw new StudyException(file + ": field '" + field + "' is longer than 10,000 characters");
            return v.asText();
        }

        long integer(String field, long low, long high, Long dflt) throws StudyException {
            JsonNode v = n.get(field);
            String range = low == Long.MIN_VALUE ? "a whole number (64-bit)" : "a whole number from " + low + " to " + high;
            if (v == null || v.isNull()) {
                if (dflt != null) return dflt;
                throw new StudyException(file + ": field '" + field + "' is missing; it must be " + range);
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < low || v.asLong() > high)
                throw new StudyException(file + ": field '" + field + "' must be " + range + ", got " + v);
            return v.asLong();
        }

        boolean bool(String field) throws StudyException {
            JsonNode v = n.get(field);
            if (v == null || !v.isBoolean()) throw new StudyException(file + ": field '" + field + "' must be true or false, got " + (v == null ? "nothing" : v));
            return v.asBoolean();
        }

        JsonNode object(String field) throws StudyException {
            JsonNode v = n.get(field);
            if (v == null || !v.isObject()) throw new StudyException(file + ": field '" + field + "' must be an object, got " + (v == null ? "nothing" : v));
            return v;
        }
    }

    /** Names of the studies under {@code root} (folders with a study.json; hidden and temporary ones are not studies). */
    public static List<String> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        org.hrsnn.export.Temporaries.cleanStale(root); // studies whose creation was killed before the rename
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p.resolve(CONFIG)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A copy of the configuration with another budget (written atomically). */
    public Study withTrials(int trials) throws StudyException, IOException {
        checkTrials("--trials", trials);
        StudyConfig c = config.withTrials(trials);
        if (folder == null) { // in a database: one update, atomic by itself
            SqlLog.updateConfig(url, c.name(), JSON.writeValueAsString(toJson(c)));
            return new Study(url, c, space, (SqlLog) ((EventStorage) storage).log());
        }
        Path tmp = null;
        try {
            org.hrsnn.export.Temporaries.cleanStale(folder);
            tmp = Files.createTempFile(folder, org.hrsnn.export.Temporaries.prefix(CONFIG), "");
            org.hrsnn.export.FilePermissions.asNewFile(tmp); // not the owner-only mode of a temporary file
            Files.writeString(tmp, JSON.writeValueAsString(toJson(c)) + "\n");
            org.hrsnn.export.CrashPoints.reach("config.rename");
            Files.move(tmp, folder.resolve(CONFIG), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new IOException("cannot update " + folder.resolve(CONFIG) + ": " + org.hrsnn.export.FileProblems.describe(e), e);
        } finally {
            if (tmp != null) Files.deleteIfExists(tmp);
        }
        return new Study(folder, c, space);
    }

    private static SearchSpace space(StudyConfig c) throws StudyException {
        try {
            return SearchSpaceFiles.fromTree(c.spaceSource(), c.space(), c.spaceSource()).space();
        } catch (SearchSpaceFiles.SpaceFileException e) {
            throw new StudyException(e.getMessage(), e);
        }
    }

    static ObjectNode toJson(StudyConfig c) {
        ObjectNode o = JSON.createObjectNode();
        // A configuration without evaluation settings is a version-1 study's, rewritten (a new budget) as such.
        o.put("format", StudyConfig.FORMAT).put("version", c.evaluation() == null ? 1 : StudyConfig.VERSION).put("name", c.name()).put("task", c.task())
                .put("objective", c.objective().label()).put("seed", c.seed()).put("trials", c.trials()).put("initialPoints", c.initialPoints())
                .put("enqueueDefaults", c.enqueueDefaults()).put("created", c.created()).put("tool", c.tool()).put("spaceSource", c.spaceSource());
        o.set("space", c.space());
        if (c.evaluation() != null) o.set("evaluation", c.evaluation());
        if (c.sampler() != null) o.set("sampler", c.sampler());
        return o;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the folder is hidden and named after the study
        }
    }
}
