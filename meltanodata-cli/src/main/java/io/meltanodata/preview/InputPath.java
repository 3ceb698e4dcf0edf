package io.meltanodata.preview;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a value out of recorded inputs by a dotted path with list indexes:
 * {@code encryptionConfig.resources[0]}, {@code metadata.labels}. Keys containing dots can be
 * quoted: {@code metadata.labels["meltanodata.io/site"]}.
 */
public final class InputPath {

    private InputPath() {
    }

    public static Optional<Object> get(Map<String, Object> inputs, String path) {
        Object current = inputs;
        int i = 0;
        while (i < path.length() && current != null) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                int end = path.indexOf("\"]", i + 2);
                current = current instanceof Map<?, ?> m ? m.get(path.substring(i + 2, end)) : null;
                i = end + 2;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                int index = Integer.parseInt(path.substring(i + 1, end));
                current = current instanceof List<?> l && index < l.size() ? l.get(index) : null;
                i = end + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                current = current instanceof Map<?, ?> m ? m.get(path.substring(i, end)) : null;
                i = end;
            }
        }
        return Optional.ofNullable(current);
    }
}
