package io.meltanodata.cli;

import io.meltanodata.components.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file a command writes ({@code -o}, {@code --plot}), written the way a shell's {@code >} would
 * treat the target, except that a regular file is replaced atomically:
 * <ul>
 *   <li>a regular file, new or existing, is written to a temporary file beside it and renamed over
 *       it, so a failed run never leaves a partial file; an existing one keeps its permissions,
 *       owner and group, a new one gets the umask's mode (nothing written here is secret);</li>
 *   <li>anything else (a character device, a FIFO) is opened and written to, never replaced, so
 *       {@code -o /dev/null} and {@code -o /dev/stdout} work; Unix opens no socket as a file, so a
 *       socket is a one-line error and stays a socket;</li>
 *   <li>a symbolic link is followed and its target treated by its kind.</li>
 * </ul>
 * A directory, a missing parent directory or a link to nothing is a one-line error, found by
 * {@link #of} before the command does its work.
 */
final class OutputFile {
    private enum Kind { NEW, EXISTING, OTHER }

    private final Path given;
    private final Path target;
    private final Kind kind;

    private OutputFile(Path given, Path target, Kind kind) {
        this.given = given;
        this.target = target;
        this.kind = kind;
    }

    /** Checks that {@code file}, given to {@code option}, can be written; nothing is written yet. */
    static OutputFile of(String option, Path file) {
        Path path = file.toAbsolutePath();
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new UserInputException(file + ": is a directory; " + option + " takes a file");
            }
            return attributes.isRegularFile()
                    ? new OutputFile(file, path.toRealPath(), Kind.EXISTING)
                    : new OutputFile(file, path, Kind.OTHER);
        } catch (NoSuchFileException e) {
            return newFile(option, file, path);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static OutputFile newFile(String option, Path file, Path path) {
        if (Files.isSymbolicLink(path)) {
            String to;
            try {
                to = Files.readSymbolicLink(path).toString();
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
            // Creating a file through a dangling link is how link attacks in shared folders work.
            throw new UserInputException(file + ": is a symbolic link to " + to + ", which does not exist; "
                    + option + " follows links only to existing files");
        }
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            throw new UserInputException(file + ": directory " + parent + " does not exist");
        }
        return new OutputFile(file, path, Kind.NEW);
    }

    void write(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            if (kind == Kind.OTHER) {
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                    out.write(bytes);
                }
            } else {
                replace(bytes);
            }
        } catch (IOException e) {
            throw cannotWrite(given, e);
        }
    }

    private void replace(byte[] bytes) throws IOException {
        // createFile, unlike createTempFile, leaves the mode to the umask.
        Path temp = Files.createFile(target.resolveSibling("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp"));
        try {
            Files.write(temp, bytes);
            if (kind == Kind.EXISTING) {
                keepOwnerAndPermissions(temp);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void keepOwnerAndPermissions(Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes old = Files.readAttributes(target, PosixFileAttributes.class);
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!old.owner().equals(now.owner())) {
                view.setOwner(old.owner());
            }
            if (!old.group().equals(now.group())) {
                view.setGroup(old.group());
            }
        } catch (FileSystemException e) {
            // Only root may give a file away: like sed -i, the replacement is then the writer's.
        }
        view.setPermissions(old.permissions());
    }

    private static UserInputException cannotWrite(Path file, IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return new UserInputException(file + ": cannot write (" + reason + ")");
    }
}
