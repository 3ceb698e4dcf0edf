package io.meltanodata.cli;

import io.meltanodata.components.UserInputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command's result goes: stdout, or a file written atomically (a temporary file in the
 * same directory, moved into place), so a failed run never leaves a partial file behind.
 */
final class OutputTarget {

    private OutputTarget() {
    }

    static void write(Path file, String content, PrintWriter stdout) {
        if (file == null) {
            stdout.print(content);
            stdout.flush();
            return;
        }
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot write output (" + e.getMessage() + ")");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the move already succeeded or the error above is reported
                }
            }
        }
    }
}
