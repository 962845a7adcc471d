package io.tlsuite.dashboard.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** Insertion-ordered map that forgets its oldest entry past a fixed size. Not thread-safe. */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    BoundedMap(int capacity) {
        super(Math.min(capacity, 1024) * 2, 0.75f, false);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
