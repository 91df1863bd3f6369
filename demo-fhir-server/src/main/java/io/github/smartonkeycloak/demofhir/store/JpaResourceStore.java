package io.github.smartonkeycloak.demofhir.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.apache.commons.dbcp2.BasicDataSource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The resource types the demo server stores rather than generates: {@code Consent} and {@code AuditEvent}, kept by
 * HAPI FHIR's JPA server in an H2 database in memory (ADR 0006). They are gone when the server stops. The JPA server
 * runs in a Spring context of its own that nothing else sees; {@link #close()} ends it.
 */
public final class JpaResourceStore implements AutoCloseable {

    /** The types stored here. */
    public static final List<String> TYPES = List.of("Consent", "AuditEvent");

    private static final Logger LOG = LoggerFactory.getLogger(JpaResourceStore.class);

    private final AnnotationConfigApplicationContext spring;

    private JpaResourceStore(AnnotationConfigApplicationContext spring) {
        this.spring = spring;
    }

    public static JpaResourceStore start() {
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
        try {
            spring.register(JpaStoreConfig.class);
            spring.refresh();
            defineSearchParameters(spring);
            return new JpaResourceStore(spring);
        } catch (RuntimeException e) {
            spring.close();
            throw e;
        }
    }

    private static void defineSearchParameters(AnnotationConfigApplicationContext spring) {
        IFhirResourceDao<SearchParameter> dao = spring.getBean(DaoRegistry.class).getResourceDao(SearchParameter.class);
        for (SearchParameter parameter : LogicalReferenceSearch.searchParameters()) {
            dao.update(parameter, new SystemRequestDetails());
        }
        spring.getBean(ISearchParamRegistry.class).forceRefresh();
    }

    /** HAPI's JPA resource providers of the stored types, for the RESTful server. */
    public List<IResourceProvider> resourceProviders() {
        return TYPES.stream().map(type -> spring.getBean("my" + type + "RpR4", IResourceProvider.class)).toList();
    }

    /** The interceptors the RESTful server needs for the stored types. */
    public List<Object> interceptors() {
        return List.of(new LogicalReferenceSearch(), new WriteRetry());
    }

    /**
     * The settings that make the store fit the demo: references to the generated population ({@code Patient/...},
     * which the store does not hold) are accepted on write and delete, and HAPI keeps an empty placeholder for each
     * target, because its reference search only matches targets it stores.
     */
    static JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setEnforceReferentialIntegrityOnWrite(false);
        settings.setEnforceReferentialIntegrityOnDelete(false);
        settings.setAutoCreatePlaceholderReferenceTargets(true);
        // The search parameters are defined on an empty store, at start: nothing to reindex (and no reindex job).
        settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
        // HAPI answers a repeated search from its result cache for a minute by default: a poller would not see a
        // withdrawal (status inactive) until then.
        settings.setReuseCachedSearchResultsForMillis(null);
        return settings;
    }

    @Override
    public void close() {
        String url = spring.getBean(BasicDataSource.class).getUrl();
        spring.close();
        // The in-memory database outlives its pool (DB_CLOSE_DELAY=-1); servers started and stopped in one JVM (the
        // tests) would otherwise each leave theirs behind.
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("Could not drop the in-memory database of the store: {}", e.getMessage());
        }
    }
}
