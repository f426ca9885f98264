package org.hrsnn.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Checks of written figures and pages that several tests share. */
public final class FiguresCheck {
    private FiguresCheck() {}

    /** A valid PNG of at least {@code minW} x {@code minH} pixels with a drawing on it: >= 1% non-white pixels and >= 3 colours. */
    public static BufferedImage nonBlankPng(Path png, int minW, int minH) throws IOException {
        assertTrue(Files.isRegularFile(png), "missing " + png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a readable PNG");
        assertTrue(img.getWidth() >= minW && img.getHeight() >= minH, png + " is only " + img.getWidth() + "x" + img.getHeight());
        assertTrue(inkFraction(img) >= 0.01, png + " is blank: " + inkFraction(img) + " of its pixels are not white");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) colours.add(img.getRGB(x, y) & 0xffffff);
        assertTrue(colours.size() >= 3, png + " has " + colours.size() + " colour(s)");
        return img;
    }

    static double inkFraction(BufferedImage img) {
        long ink = 0, all = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                all++;
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) ink++;
            }
        return (double) ink / all;
    }

    private static final Pattern URL = Pattern.compile("(?i)(https?:|ftp:|file:|//[a-z0-9])");
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"([^\"]*)\"");

    /** The page names no URL outside itself (every image a data URI), has no script, and every image decodes as a PNG. Returns the image count. */
    public static int selfContained(Path html) throws IOException {
        String page = Files.readString(html);
        String withoutData = page.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "data:");
        Matcher u = URL.matcher(withoutData);
        assertFalse(u.find(), html + " names an external resource near: " + (u.hitEnd() ? "" : withoutData.substring(Math.max(0, u.start() - 60), Math.min(withoutData.length(), u.end() + 60))));
        assertFalse(page.toLowerCase().contains("<script"), "no script");
        Matcher m = IMG.matcher(page);
        int n = 0;
        while (m.find()) {
            String src = m.group(1);
            assertTrue(src.startsWith("data:image/png;base64,"), "image not embedded: " + src.substring(0, Math.min(80, src.length())));
            byte[] png = java.util.Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            assertNotNull(ImageIO.read(new java.io.ByteArrayInputStream(png)), "embedded image " + n + " is not a PNG");
            n++;
        }
        return n;
    }
}
