package dev.holdfast.modfile;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One instance per module path and version read from go.mod requirements, so that the maps of a module
 * graph (tens of thousands of look-ups of the same few thousand names) compare names by identity first
 * instead of byte by byte. Bounded: past {@value #MAX} names a name is returned as it is.
 */
final class Names {
    static final int MAX = 1 << 16;

    private static final ConcurrentMap<String, String> NAMES = new ConcurrentHashMap<>();

    private Names() {}

    /** Returns the one instance of {@code name}. */
    static String intern(String name) {
        String held = NAMES.get(name);
        if (held != null) {
            return held;
        }
        if (NAMES.size() >= MAX) {
            return name;
        }
        held = NAMES.putIfAbsent(name, name);
        return held == null ? name : held;
    }
}
