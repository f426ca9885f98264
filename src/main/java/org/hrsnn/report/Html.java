package org.hrsnn.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML page: inline style, no script, and every image embedded as a data URI (the PNG
 * files beside it are the same pictures), so it opens anywhere without a network or its folder.
 */
final class Html {
    private final StringBuilder b = new StringBuilder();
    private final Path dir;

    Html(String title, Path dir) {
        this.dir = dir;
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em auto;max-width:1250px;color:#222;padding:0 1em}")
                .append("h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.8em}")
                .append("figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{font-size:.9em;color:#444;max-width:1000px}")
                .append("table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right;white-space:nowrap}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.scroll{overflow-x:auto;max-width:100%}")
                .append("pre{background:#f7f7f7;padding:.6em;font-size:.8em;overflow-x:auto}.note{color:#555;font-size:.9em}")
                .append("\n</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    static String esc(Object o) {
        String s = String.valueOf(o);
        StringBuilder r = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> r.append("&lt;");
                case '>' -> r.append("&gt;");
                case '&' -> r.append("&amp;");
                case '"' -> r.append("&quot;");
                case '\'' -> r.append("&#39;");
                default -> r.append(c);
            }
        }
        return r.toString();
    }

    Html h2(String text, String id) {
        b.append("<h2 id=\"").append(esc(id)).append("\">").append(esc(text)).append("</h2>\n");
        return this;
    }

    Html p(String text) {
        b.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    Html note(String text) {
        b.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        return this;
    }

    Html pre(String text) {
        b.append("<pre>").append(esc(text)).append("</pre>\n");
        return this;
    }

    /** A figure, its PNG embedded; the caption names the files beside the page. */
    Html figure(Charts.Figure f) throws IOException {
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(f.png())));
        b.append("<figure id=\"fig-").append(esc(f.name())).append("\">\n<img alt=\"").append(esc(f.title())).append("\" src=\"data:image/png;base64,")
                .append(data).append("\">\n<figcaption><b>").append(esc(f.title())).append(".</b> ").append(esc(f.caption())).append(" <i>(")
                .append(esc(f.png())).append(f.svg() == null ? "" : ", " + esc(f.svg())).append(")</i></figcaption>\n</figure>\n");
        return this;
    }

    /** A table; {@code left} marks the columns aligned left. */
    Html table(List<String> header, List<List<String>> rows, boolean[] left) {
        b.append("<div class=\"scroll\"><table>\n<tr>");
        for (int c = 0; c < header.size(); c++) b.append("<th").append(left != null && left[c] ? " class=\"l\"" : "").append(">").append(esc(header.get(c))).append("</th>");
        b.append("</tr>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (int c = 0; c < row.size(); c++) b.append("<td").append(left != null && c < left.length && left[c] ? " class=\"l\"" : "").append(">")
                    .append(esc(row.get(c) == null ? "" : row.get(c))).append("</td>");
            b.append("</tr>\n");
        }
        b.append("</table></div>\n");
        return this;
    }

    /** A list of links to the sections. */
    Html contents(List<String[]> idAndTitle) {
        b.append("<ul>");
        for (String[] s : idAndTitle) b.append("<li><a href=\"#").append(esc(s[0])).append("\">").append(esc(s[1])).append("</a></li>");
        b.append("</ul>\n");
        return this;
    }

    String end() {
        return b + "</body>\n</html>\n";
    }
}
