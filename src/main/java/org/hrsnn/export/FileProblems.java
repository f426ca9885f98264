package org.hrsnn.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Reading a small text file the user gave (a design, a search space, a study's configuration) with a reason
 * a person can act on when it cannot be read: missing, a folder, not readable, not UTF-8 text, or too large
 * (checked before reading, so a huge file is refused at once rather than parsed for a minute).
 */
public final class FileProblems {
    private FileProblems() {}

    /** A file that cannot be read; the message names it and says why. */
    public static final class UnreadableException extends IOException {
        public UnreadableException(String message) {
            super(message);
        }
    }

    /** The file's text, or why not: "FILE: no such file", "...: is a folder, not a file", "...: is not UTF-8 text", ... */
    public static String readText(Path file, long maxBytes) throws UnreadableException {
        if (Files.isDirectory(file)) throw new UnreadableException(file + ": is a folder, not a file");
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes)
                throw new UnreadableException(file + String.format(": is %,d bytes; files of this kind may have at most %,d", size, maxBytes));
            bytes = Files.readAllBytes(file);
        } catch (UnreadableException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableException(describe(e));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableException(file + ": is not UTF-8 text (a binary file?)");
        }
    }

    /** A parse error as one line: where (when the parser knows) and what, including documents nested too deeply. */
    public static String parseError(String kind, com.fasterxml.jackson.core.JsonProcessingException e) {
        var at = e.getLocation();
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (m.contains("nesting depth") || m.contains("Nesting Depth")) return "is nested too deeply to be a " + kind + " file (" + m + ")";
        return "not valid " + kind + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr()) + ": " + m;
    }

    /** An I/O failure as one line naming the file and the reason. */
    public static String describe(IOException e) {
        if (e instanceof UnreadableException) return e.getMessage();
        if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file or folder";
        if (e instanceof AccessDeniedException a) return a.getFile() + ": permission denied";
        if (e instanceof NotDirectoryException n) return n.getFile() + ": is not a folder";
        if (e instanceof FileSystemException f && f.getReason() != null)
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + f.getReason();
        String m = e.getMessage();
        if (m != null && m.contains("File too large") && !m.contains("ulimit")) return m + " (the file size limit, ulimit -f, was reached)";
        if (m != null && m.contains("No space left") && !m.contains("disk is full")) return m + " (the disk is full)";
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
