package io.meltanodata.real.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a fresh clone holds: the repository's tracked files and new files not ignored, as they
 * are in the working tree, copied to a scratch folder (stack init and config set write the
 * layers' Pulumi.<stack>.yaml; the committed ones must not change). No build output comes along.
 */
final class RepositoryCheckout {
    private RepositoryCheckout() {
    }

    static Path copy(Path root, Path target) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() != 0) {
                throw new IllegalStateException("git ls-files failed in " + root);
            }
            for (String file : List.of(listing.split("\0"))) {
                Path source = root.resolve(file);
                if (file.isEmpty() || !Files.isRegularFile(source)) {
                    continue; // deleted in the working tree
                }
                Path copy = target.resolve(file);
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
