package io.github.smartonkeycloak.launch.directory;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.smartonkeycloak.common.OperationalInfo;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * The patient directory on the realm's FHIR server ({@code smart.fhirBaseUrls}, the first URL), called with
 * Keycloak's HTTP client and a service token issued in-process for {@code smart.fhirServiceClient}
 * ({@link FhirServiceToken}; see docs/adr/0004-fhir-service-credential.md). What outlives a request lives here, not
 * in statics: the one thread that aborts FHIR calls at their page's deadline, started at {@link #init} and stopped at
 * {@link #close}. The token is not cached across requests at all (the ADR says why).
 */
public final class FhirPatientDirectoryFactory implements PatientDirectoryProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "fhir";

    private ScheduledExecutorService deadlines;

    @Override
    public PatientDirectoryProvider create(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new IllegalStateException("the patient directory serves a realm's pages; this request has no realm");
        }
        SmartRealmSettings config = SmartRealmSettings.of(realm.getAttributes());
        FhirHttp http = new FhirHttp(session.getProvider(HttpClientProvider.class).getHttpClient(), FhirClient.PAGE_DEADLINE,
                deadlines());
        return new FhirClient(realm.getName(), config.fhirBaseUrls().primary(), http,
                () -> FhirServiceToken.issue(session, realm, config.fhirServiceClient()));
    }

    @Override
    public void init(Config.Scope config) {
        deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smart-fhir-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        if (deadlines != null) {
            deadlines.shutdownNow();
        }
    }

    private ScheduledExecutorService deadlines() {
        if (deadlines == null) {
            throw new IllegalStateException(PROVIDER_ID + " patient directory used before init");
        }
        return deadlines;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return OperationalInfo.of(getClass());
    }
}
