package org.hrsnn.report;

import org.hrsnn.problem.HrsnnProblem;
import org.hrsnn.study.Study;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The example study's report opened by a real browser, headless Chromium (Debian's package "chromium"):
 * its screenshot is not blank and every image on the page loaded. Run with {@code mvn -B -Pbrowser test};
 * skipped, saying how to install it, where there is no chromium.
 */
@Tag("browser")
class BrowserReportTest {
    @TempDir
    Path tmp;

    static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"))
            if (Files.isExecutable(Path.of(c))) return Path.of(c);
        return null;
    }

    static String run(Path tmp, List<String> args) throws Exception {
        Path chrome = chromium();
        Assumptions.assumeTrue(chrome != null, "no headless Chromium: install it with 'apt-get install chromium' (Debian), then run 'mvn -B -Pbrowser test'");
        List<String> cmd = new ArrayList<>(List.of(chrome.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile")));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 120 s");
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(tmp.resolve("chromium.err")));
        return out;
    }

    @Test
    void chromiumShowsTheReportWithEveryImageLoaded() throws Exception {
        Assumptions.assumeTrue(chromium() != null, "no headless Chromium: install it with 'apt-get install chromium' (Debian), then run 'mvn -B -Pbrowser test'");
        Path root = tmp.resolve("studies");
        StudyReportTest.copy(Path.of("studies/example"), root.resolve("example"));
        Study s = Study.open(root, "example");
        StudyReport.Result r = StudyReport.write(s, HrsnnProblem.of(s.config()), tmp.resolve("out"), "test");

        Path shot = tmp.resolve("screenshot.png");
        run(tmp, List.of("--window-size=1280,2400", "--screenshot=" + shot, r.html().toUri().toString()));
        FiguresCheck.nonBlankPng(shot, 1280, 2400);

        // The report has no script; a copy with one that counts the images the browser decoded, read back from the DOM.
        String page = Files.readString(r.html());
        String probe = page.replace("</body>", "<script>window.addEventListener('load', () => { const all = [...document.images];"
                + " document.body.setAttribute('data-images', all.length);"
                + " document.body.setAttribute('data-loaded', all.filter(i => i.complete && i.naturalWidth > 0).length); });</script></body>");
        Path probeFile = r.folder().resolve("probe.html");
        Files.writeString(probeFile, probe);
        String dom = run(tmp, List.of("--virtual-time-budget=10000", "--dump-dom", probeFile.toUri().toString()));
        Matcher m = Pattern.compile("data-images=\"(\\d+)\" data-loaded=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), "no image count in the DOM: " + dom.substring(0, Math.min(300, dom.length())));
        assertEquals(r.figures().size(), Integer.parseInt(m.group(1)), "images on the page");
        assertEquals(m.group(1), m.group(2), "images loaded");
    }
}
