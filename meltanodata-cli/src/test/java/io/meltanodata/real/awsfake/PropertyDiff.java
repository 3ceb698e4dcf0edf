package io.meltanodata.real.awsfake;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The top-level keys that differ between two property maps, and which of them force a
 * replacement: the names AWS identifies a resource by cannot change in place.
 */
record PropertyDiff(Map<String, Kind> changed) {
    static final Set<String> IMMUTABLE = Set.of("name", "bucket", "namePrefix", "bucketPrefix");

    enum Kind { ADD, DELETE, UPDATE }

    static PropertyDiff of(Map<String, Object> olds, Map<String, Object> news, Set<String> ignored) {
        Set<String> keys = new TreeSet<>(olds.keySet());
        keys.addAll(news.keySet());
        Map<String, Kind> changed = new TreeMap<>();
        for (String key : keys) {
            if (ignored.contains(key) || Objects.equals(olds.get(key), news.get(key))) {
                continue;
            }
            changed.put(key, !olds.containsKey(key) ? Kind.ADD : !news.containsKey(key) ? Kind.DELETE : Kind.UPDATE);
        }
        return new PropertyDiff(changed);
    }

    Set<String> replaces() {
        Set<String> replaces = new TreeSet<>(changed.keySet());
        replaces.retainAll(IMMUTABLE);
        return replaces;
    }
}
