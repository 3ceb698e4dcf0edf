package io.meltanodata.real.engine;

import io.meltanodata.testing.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What each CI job starts from: {@code git clone} of the repository into a new folder, so no
 * file an earlier job wrote (a {@code Pulumi.<stack>.yaml}, a build) is there. The working tree's
 * changes not yet committed are laid over the clone, so the suite runs the code under test, as
 * the rest of the suite does on {@link RepositoryCheckout}.
 */
final class FreshClone {
    private FreshClone() {
    }

    static Path of(Path root, Path target) {
        git(root, "clone", "--quiet", root.toString(), target.toString());
        try {
            for (String file : files(root, "--modified", "--others", "--exclude-standard")) {
                Path source = root.resolve(file);
                if (Files.isRegularFile(source)) {
                    Files.createDirectories(target.resolve(file).getParent());
                    Files.copy(source, target.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            for (String file : files(root, "--deleted")) {
                Files.deleteIfExists(target.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static List<String> files(Path root, String... which) {
        String[] args = new String[which.length + 2];
        args[0] = "ls-files";
        args[1] = "-z";
        System.arraycopy(which, 0, args, 2, which.length);
        return List.of(git(root, args).split("\0")).stream().filter(f -> !f.isEmpty()).toList();
    }

    private static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Command.require(dir, java.util.Map.of(), java.time.Duration.ofMinutes(5), command);
    }
}
