package io.github.smartonkeycloak.launch.consent.store.fhir;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.smartonkeycloak.common.OperationalInfo;
import io.github.smartonkeycloak.common.RealmIssuers;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStoreFactory;
import io.github.smartonkeycloak.launch.directory.FhirHttp;
import io.github.smartonkeycloak.launch.directory.FhirServiceToken;
import io.github.smartonkeycloak.launch.directory.FhirUrls;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Consent records as FHIR {@code Consent}. Owns what outlives a request: the short lookup cache, the thread that
 * aborts FHIR calls at their deadline, the realms' issuer URLs as requests last saw them (the poll has no request to
 * build them from), and the withdrawal poll ({@link WithdrawalPoll}), scheduled once the server has started.
 */
public final class FhirConsentStoreFactory implements SmartConsentStoreFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "fhir";
    /** How long one request may wait for the FHIR server's consent answers. */
    static final Duration CALL_BUDGET = Duration.ofSeconds(4);

    private final ConsentCache cache = new ConsentCache(Time::currentTimeMillis);
    private final Map<String, String> issuers = new ConcurrentHashMap<>();
    private FhirConsentStoreConfig config = FhirConsentStoreConfig.DEFAULTS;
    private ScheduledExecutorService deadlines;

    @Override
    public SmartConsentStore create(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new IllegalStateException("the FHIR consent store serves one realm; this request has no realm");
        }
        String issuer = RealmIssuers.of(session.getContext().getUri().getBaseUri(), realm);
        issuers.put(realm.getId(), issuer);
        return new FhirConsentStore(records(session, realm, issuer), cache, SmartRealmSettings.of(realm.getAttributes()));
    }

    /** The realm's records, read and written with its service account; {@code issuer} as in {@link FhirServiceToken}. */
    ConsentRecords records(KeycloakSession session, RealmModel realm, String issuer) {
        SmartRealmSettings settings = SmartRealmSettings.of(realm.getAttributes());
        FhirHttp http = new FhirHttp(session.getProvider(HttpClientProvider.class).getHttpClient(), CALL_BUDGET, deadlines);
        return new ConsentRecords(http, new FhirUrls(realm.getName(), settings.fhirBaseUrls().primary()),
                () -> FhirServiceToken.issue(session, realm, settings.fhirServiceClient(), ConsentRecords.SCOPE, issuer),
                issuer);
    }

    String lastIssuer(RealmModel realm) {
        return issuers.get(realm.getId());
    }

    ConsentCache cache() {
        return cache;
    }

    @Override
    public void init(Config.Scope scope) {
        config = FhirConsentStoreConfig.of(scope);
        deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smart-consent-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent && config.pollSeconds() > 0) {
                WithdrawalPoll.schedule(factory, this, config.pollSeconds());
            }
        });
    }

    @Override
    public void close() {
        if (deadlines != null) {
            deadlines.shutdownNow();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(FhirConsentStoreConfig.POLL_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Seconds between two looks for Consent records withdrawn on the FHIR server (0: only at"
                        + " token requests and introspection).")
                .defaultValue(FhirConsentStoreConfig.DEFAULT_POLL_SECONDS).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>(OperationalInfo.of(getClass()));
        info.put("poll-seconds", String.valueOf(config.pollSeconds()));
        info.put("cached-patients", String.valueOf(cache.size()));
        return info;
    }
}
