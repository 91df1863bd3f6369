package io.github.smartonkeycloak.launch.consent.store.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.smartonkeycloak.core.consent.record.ConsentRecord;

/**
 * A patient's Consent records as last read, per node, for a few seconds (the realm's {@code smart.consentCacheSeconds}):
 * a lookup, not shared state, so it stays local; a withdrawal takes effect within the window on every node. Bounded:
 * past {@link #MAX_ENTRIES} it starts again empty.
 */
final class ConsentCache {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(List<ConsentRecord> records, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    ConsentCache(LongSupplier clock) {
        this.clock = clock;
    }

    Optional<List<ConsentRecord>> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null || entry.expiresAtMillis() <= clock.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of(entry.records());
    }

    void put(String key, List<ConsentRecord> records, int seconds) {
        if (seconds <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(List.copyOf(records), clock.getAsLong() + seconds * 1000L));
    }

    void forget(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }
}
