package io.bizmaster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files an operator names on the command line: read or written, or one line naming the file and why it cannot
 * be, before any work is done.
 */
final class CliFiles {

    private CliFiles() {
    }

    /** Fails with a {@link CliProblem} when the file is missing, a folder, or not readable by this user. */
    static void checkReadable(Path file) {
        String why = whyUnreadable(file);
        if (why != null) {
            throw new CliProblem("cannot read " + file + ": " + why);
        }
    }

    /** The file's text (UTF-8). */
    static String readString(Path file) {
        checkReadable(file);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new CliProblem("cannot read " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CliProblem("cannot read " + file + ": " + reason(e));
        }
    }

    static InputStream open(Path file) {
        checkReadable(file);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new CliProblem("cannot read " + file + ": " + reason(e));
        }
    }

    /** Fails with a {@link CliProblem} when the file could not be written: a folder, or in a folder that cannot take it. */
    static void checkWritable(Path file) {
        Path absolute = file.toAbsolutePath();
        String why = null;
        if (Files.isDirectory(absolute)) {
            why = "it is a folder, not a file";
        } else if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            why = "permission denied";
        } else {
            Path folder = absolute.getParent();
            while (folder != null && !Files.exists(folder)) {
                folder = folder.getParent();
            }
            if (folder != null && !Files.isDirectory(folder)) {
                why = folder + " is a file, not a folder";
            } else if (folder != null && !Files.isWritable(folder)) {
                why = "permission denied in " + folder;
            }
        }
        if (why != null) {
            throw new CliProblem("cannot write " + file + ": " + why);
        }
    }

    /** Writes the file (and its folders), or fails with a {@link CliProblem} naming it. */
    static void write(Path file, String text) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliProblem("cannot write " + file + ": " + reason(e));
        }
    }

    /** Null when the file can be read; else why not, in words. */
    static String whyUnreadable(Path file) {
        if (Files.isDirectory(file)) {
            return "it is a folder, not a file";
        }
        if (!Files.exists(file)) {
            return Files.exists(file.toAbsolutePath().getParent()) ? "no such file" : "no such file (nor its folder)";
        }
        if (!Files.isReadable(file)) {
            return "permission denied";
        }
        return null;
    }

    /** An I/O failure in words, without the file's name (the caller's line has it). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
