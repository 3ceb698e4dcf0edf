package io.meltanodata.projects.meltano;

import io.meltanodata.components.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves one {@code include_paths} entry the way Meltano does (Python's {@code glob} with
 * {@code recursive=True}, relative to the project root): {@code *}, {@code ?} and {@code [0-9]}
 * match within one path segment, {@code **} matches zero or more directories, a leading
 * {@code ./} is optional, hidden files are matched only by patterns that name the dot. Results
 * are sorted, and never leave the project root (no {@code ..}, no absolute paths, no symlinks out).
 */
final class IncludeGlob {
    static final int MAX_DEPTH = 16;

    private IncludeGlob() {
    }

    static List<Path> resolve(Path root, String pattern, String origin) {
        String clean = pattern.startsWith("./") ? pattern.substring(2) : pattern;
        if (clean.isEmpty() || clean.startsWith("/") || List.of(clean.split("/")).contains("..")) {
            throw new UserInputException(origin + ": include_paths entry '" + pattern
                    + "' must be a glob relative to the project root, without '..'");
        }
        List<Pattern> segments = new ArrayList<>();
        for (String segment : clean.split("/")) {
            segments.add(segment.equals("**") ? null : segmentRegex(segment));
        }
        Path realRoot = realPath(root);
        TreeSet<Path> matches = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                Path relative = root.relativize(file);
                List<String> parts = new ArrayList<>();
                relative.forEach(p -> parts.add(p.toString()));
                if (matches(segments, 0, parts, 0) && realPath(file).startsWith(realRoot)) {
                    matches.add(file);
                }
            });
        } catch (IOException e) {
            throw new UserInputException(origin + ": cannot list files for include_paths entry '" + pattern + "' ("
                    + e.getMessage() + ")");
        }
        return List.copyOf(matches);
    }

    private static boolean matches(List<Pattern> pattern, int p, List<String> path, int i) {
        if (p == pattern.size()) {
            return i == path.size();
        }
        Pattern segment = pattern.get(p);
        if (segment == null) {
            // "**": zero or more directories (never the file name itself, never hidden directories).
            for (int skip = i; skip < path.size(); skip++) {
                if (matches(pattern, p + 1, path, skip)) {
                    return true;
                }
                if (path.get(skip).startsWith(".")) {
                    return false;
                }
            }
            return false;
        }
        return i < path.size() && segment.matcher(path.get(i)).matches() && matches(pattern, p + 1, path, i + 1);
    }

    /** fnmatch of one segment; like Python's glob, a wildcard never matches a leading dot. */
    static Pattern segmentRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.startsWith(".") ? "" : "(?!\\.)");
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        regex.append('[').append(body.startsWith("!") ? "^" + quoteClass(body.substring(1)) : quoteClass(body))
                                .append(']');
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String quoteClass(String body) {
        return body.replace("\\", "\\\\").replace("[", "\\[").replace("&&", "\\&\\&");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
