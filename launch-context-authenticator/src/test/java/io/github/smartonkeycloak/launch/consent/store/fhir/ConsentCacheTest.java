package io.github.smartonkeycloak.launch.consent.store.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ConsentCacheTest {

    private final AtomicLong clock = new AtomicLong(0);
    private final ConsentCache cache = new ConsentCache(clock::get);

    @Test
    void anEntryLivesForItsSecondsOnly() {
        cache.put("realm|85", List.of(), 2);
        clock.set(1_999);
        assertThat(cache.get("realm|85")).isPresent();
        clock.set(2_000);
        assertThat(cache.get("realm|85")).isEmpty();
    }

    @Test
    void zeroSecondsMeansNoCachingAndForgetRemoves() {
        cache.put("realm|85", List.of(), 0);
        assertThat(cache.get("realm|85")).isEmpty();
        cache.put("realm|86", List.of(), 5);
        cache.forget("realm|86");
        assertThat(cache.get("realm|86")).isEmpty();
    }

    @Test
    void itStaysBounded() {
        for (int i = 0; i <= ConsentCache.MAX_ENTRIES; i++) {
            cache.put("realm|" + i, List.of(), 5);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(ConsentCache.MAX_ENTRIES);
    }
}
