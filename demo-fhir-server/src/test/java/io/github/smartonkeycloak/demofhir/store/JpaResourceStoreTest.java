package io.github.smartonkeycloak.demofhir.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JpaResourceStoreTest {

    @Test
    void startsWithProvidersForConsentAndAuditEvent() {
        long started = System.nanoTime();
        try (JpaResourceStore store = JpaResourceStore.start()) {
            System.out.println("JPA store started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertThat(store.resourceProviders()).extracting(p -> p.getResourceType().getSimpleName())
                    .containsExactly("Consent", "AuditEvent");
        }
    }
}
