package io.github.smartonkeycloak.demofhir.store;

import java.util.List;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The resource types the demo server stores rather than generates: {@code Consent} and {@code AuditEvent}, kept by
 * HAPI FHIR's JPA server in an H2 database in memory (ADR 0006). They are gone when the server stops. The JPA server
 * runs in a Spring context of its own that nothing else sees; {@link #close()} ends it.
 */
public final class JpaResourceStore implements AutoCloseable {

    /** The types stored here, with the name of HAPI's resource provider bean for each. */
    public static final List<String> TYPES = List.of("Consent", "AuditEvent");

    private final AnnotationConfigApplicationContext spring;

    private JpaResourceStore(AnnotationConfigApplicationContext spring) {
        this.spring = spring;
    }

    public static JpaResourceStore start() {
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
        try {
            spring.register(JpaStoreConfig.class);
            spring.refresh();
            return new JpaResourceStore(spring);
        } catch (RuntimeException e) {
            spring.close();
            throw e;
        }
    }

    /** HAPI's JPA resource providers of the stored types, for the RESTful server. */
    public List<IResourceProvider> resourceProviders() {
        return TYPES.stream().map(type -> spring.getBean("my" + type + "RpR4", IResourceProvider.class)).toList();
    }

    /**
     * The settings that make the store fit the demo: references to the generated population (Patient/..., which the
     * store does not hold) are accepted on write and delete and stay searchable.
     */
    static JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setEnforceReferentialIntegrityOnWrite(false);
        settings.setEnforceReferentialIntegrityOnDelete(false);
        return settings;
    }

    @Override
    public void close() {
        spring.close();
    }
}
