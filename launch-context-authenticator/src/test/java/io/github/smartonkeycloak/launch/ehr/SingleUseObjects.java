package io.github.smartonkeycloak.launch.ehr;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keycloak's single-use object store as its contract says it behaves (entries expire after their lifespan;
 * {@code putIfAbsent} succeeds once per live key), in memory, with a clock the test moves.
 */
final class SingleUseObjects implements SingleUseObjectProvider {

    private record Entry(Map<String, String> notes, long expiresAt) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private long now;

    void advanceSeconds(long seconds) {
        now += seconds;
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, new Entry(Map.copyOf(notes), now + lifespanSeconds));
    }

    @Override
    public Map<String, String> get(String key) {
        Entry entry = live(key);
        return entry == null ? null : entry.notes();
    }

    @Override
    public Map<String, String> remove(String key) {
        Entry entry = live(key);
        entries.remove(key);
        return entry == null ? null : entry.notes();
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        Entry entry = live(key);
        if (entry == null) {
            return false;
        }
        entries.put(key, new Entry(Map.copyOf(notes), entry.expiresAt()));
        return true;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanSeconds) {
        if (live(key) != null) {
            return false;
        }
        entries.put(key, new Entry(Map.of(), now + lifespanSeconds));
        return true;
    }

    @Override
    public boolean contains(String key) {
        return live(key) != null;
    }

    @Override
    public void close() {
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.expiresAt() > now ? entry : null;
    }
}
