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
public final class Study {
    public static final String CONFIG = "study.json", JOURNAL = "journal.jsonl";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;
    private final StudyConfig config;
    private final SearchSpace space;
    private final Journal journal;

    private Study(Path folder, StudyConfig config, SearchSpace space) {
        this.folder = folder;
        this.config = config;
        this.space = space;
        this.journal = new Journal(folder.resolve(JOURNAL));
    }

    public Path folder() { return folder; }
    public StudyConfig config() { return config; }
    public SearchSpace space() { return space; }
    public Journal journal() { return journal; }

    public List<Trial> trials() throws IOException {
        return TrialStates.replay(journal.read());
    }

    /** Checks a configuration the problem is made from (its space, task and settings). */
    @FunctionalInterface
    public interface Check {
        void check(StudyConfig config, SearchSpace space) throws StudyException;
    }

    /** Checks {@code config} (name, space, budget; the rest by {@code problem}) and writes the study. */
    public static Study create(Path root, StudyConfig config, Check problem) throws StudyException {
        if (config.name() == null || !NAME.matcher(config.name()).matches())
            throw new StudyException("study name '" + config.name() + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        SearchSpace space = space(config);
        if (config.trials() < 1) throw new StudyException("trials must be >= 1, got " + config.trials());
        problem.check(config, space);
        Path target = root.resolve(config.name());
        if (Files.exists(target)) throw new StudyException("study '" + config.name() + "' already exists in " + root);
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, "." + config.name() + "-");
            org.hrsnn.export.FilePermissions.asNewDirectory(tmp); // as mkdir would under the umask, not owner-only
            Files.writeString(tmp.resolve(CONFIG), JSON.writeValueAsString(toJson(config)) + "\n");
            Files.createFile(tmp.resolve(JOURNAL));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new StudyException("cannot create study '" + config.name() + "' in " + root + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
        return new Study(target, config, space);
    }

    public static Study open(Path root, String name) throws StudyException {
        Path folder = root.resolve(name), cfg = folder.resolve(CONFIG);
        if (!Files.isRegularFile(cfg)) throw new StudyException("no study '" + name + "' in " + root + " (no " + cfg + ")");
        try {
            JsonNode n = JSON.readTree(cfg.toFile());
            int version = n.path("version").asInt();
            if (!StudyConfig.FORMAT.equals(n.path("format").asText()) || version < 1 || version > StudyConfig.VERSION)
                throw new StudyException(cfg + ": not an hrsnn study of version 1 to " + StudyConfig.VERSION);
            StudyConfig c = new StudyConfig(n.path("name").asText(), n.path("spaceSource").asText(), n.get("space"), n.path("task").asText(),
                    Objective.parse(n.path("objective").asText()), n.path("seed").asLong(), n.path("trials").asInt(),
                    n.path("initialPoints").asInt(-1), n.path("enqueueDefaults").asBoolean(), n.path("created").asText(), n.path("tool").asText(),
                    version == 1 ? null : n.get("evaluation"), version == 1 ? null : n.get("sampler"));
            return new Study(folder, c, space(c));
        } catch (IOException | IllegalArgumentException e) {
            throw new StudyException(cfg + ": " + e.getMessage(), e);
        }
    }

    /** Names of the studies under {@code root}. */
    public static List<String> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(CONFIG))).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A copy of the configuration with another budget (written atomically). */
    public Study withTrials(int trials) throws StudyException {
        if (trials < 1) throw new StudyException("trials must be >= 1, got " + trials);
        StudyConfig c = config.withTrials(trials);
        try {
            Path tmp = Files.createTempFile(folder, ".study", ".json");
            org.hrsnn.export.FilePermissions.asNewFile(tmp); // not the owner-only mode of a temporary file
            Files.writeString(tmp, JSON.writeValueAsString(toJson(c)) + "\n");
            Files.move(tmp, folder.resolve(CONFIG), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StudyException("cannot update " + folder.resolve(CONFIG) + ": " + e.getMessage(), e);
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
