package io.github.smartonkeycloak.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.smartonkeycloak.common.RealmIssuers;
import io.github.smartonkeycloak.core.audit.AuditEventKind;
import io.github.smartonkeycloak.core.audit.AuditRecord;
import io.github.smartonkeycloak.core.audit.BalpAuditEvent;
import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.directory.FhirServiceToken;
import org.keycloak.common.util.Time;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Turns the realm's security events into BALP AuditEvents and hands them to the factory's queue. All Keycloak
 * reads (the realm's settings, the user's {@code fhirUser}, the launch context, the service token) happen here, on
 * the request thread; the worker turns the records (plain values) into JSON and writes them. The events are queued when the request's transaction
 * commits, as Keycloak's own listeners do, so a request that fails leaves no trace of what it did not do.
 */
public final class SmartAuditListener implements EventListenerProvider {

    /** What the {@code fhir} sink's service token asks for; the client's scope ceilings decide what it gets. */
    static final String FHIR_SCOPE = "system/AuditEvent.c";

    private final KeycloakSession session;
    private final SmartAuditListenerFactory factory;
    private final Staged staged = new Staged();

    SmartAuditListener(KeycloakSession session, SmartAuditListenerFactory factory) {
        this.session = session;
        this.factory = factory;
        session.getTransactionManager().enlistAfterCompletion(staged);
    }

    /**
     * For security events that come with no Keycloak event, such as a launch created or a withdrawal the pack made
     * itself: audits {@code record} (its issuer filled in) when the realm has this listener among its event listeners,
     * queued when the request's transaction commits, like the others.
     */
    public static void record(KeycloakSession session, RealmModel realm, AuditRecord.Builder record) {
        if (realm.getEventsListenersStream().noneMatch(SmartAuditListenerFactory.PROVIDER_ID::equals)
                || !(session.getProvider(EventListenerProvider.class, SmartAuditListenerFactory.PROVIDER_ID)
                        instanceof SmartAuditListener listener)) {
            return;
        }
        listener.stage(realm, List.of(record.issuer(issuer(session, realm)).build()));
    }

    /** The EHR launch API's hook: Keycloak has no event type for a launch created. */
    public static void launchCreated(KeycloakSession session, RealmModel realm, LaunchRequest request,
            String requestingClientId, String launchId) {
        AuditRecord.Builder record = AuditRecord.of(AuditEventKind.LAUNCH_CREATED, Instant.ofEpochMilli(Time.currentTimeMillis()))
                .client(request.clientId())
                .requestingClient(requestingClientId)
                .patient(request.context().patient())
                // As the login event's smart_launch: the first 8 characters of the single-use id.
                .launch(launchId.substring(0, Math.min(8, launchId.length())));
        if (session.getContext().getConnection() != null) {
            record.clientAddress(session.getContext().getConnection().getRemoteAddr());
        }
        if (request.user() != null) {
            UserModel user = session.users().getUserById(realm, request.user());
            record.user(request.user(), user == null ? null : user.getFirstAttribute(FhirUser.NAME));
        }
        record(session, realm, record);
    }

    @Override
    public void onEvent(Event event) {
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        try {
            stage(realm, EventMapping.records(event, new SessionLookups(realm)));
        } catch (RuntimeException e) {
            // A login must not fail for its audit; the count and the class say that it happened.
            factory.queue().failedBeforeQueueing(1, "could not map a " + event.getType() + " event: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // Admin changes are Keycloak's admin events; the pack audits SMART security events only.
    }

    private void stage(RealmModel realm, List<AuditRecord> records) {
        SmartRealmSettings settings = SmartRealmSettings.of(realm.getAttributes());
        if (records.isEmpty() || SmartRealmSettings.AUDIT_OFF.equals(settings.auditSink())) {
            return;
        }
        AuditSink sink = SmartRealmSettings.AUDIT_FHIR.equals(settings.auditSink()) ? fhirSink(realm, settings, records.size())
                : AuditSinks.LOG;
        if (sink == null) {
            return;
        }
        for (AuditRecord record : records) {
            // Mapped to BALP JSON by the writer thread: the token request does not wait for it.
            staged.deliveries.add(new AuditQueue.Delivery(() -> BalpAuditEvent.write(record), sink));
        }
    }

    /** The {@code fhir} sink for this realm, or null (each event counted as failed) when it cannot be reached. */
    private AuditSink fhirSink(RealmModel realm, SmartRealmSettings settings, int events) {
        String base = settings.fhirBaseUrls().primary();
        if (base == null || !FhirBaseUrls.isSecure(base)) {
            factory.queue().failedBeforeQueueing(events, "realm " + realm.getName() + " has no usable FHIR base URL ("
                    + SmartRealmSettings.FHIR_BASE_URLS + ")");
            return null;
        }
        String client = settings.fhirServiceClient();
        try {
            String token = factory.serviceToken(realm.getId() + " " + client,
                    () -> FhirServiceToken.issue(session, realm, client, FHIR_SCOPE));
            return AuditSinks.fhir(session.getProvider(HttpClientProvider.class).getHttpClient(), base + "/AuditEvent",
                    token, factory.config().fhirTimeoutMillis());
        } catch (RuntimeException e) {
            factory.queue().failedBeforeQueueing(events, "no service token for realm " + realm.getName() + ": " + e.getMessage());
            return null;
        }
    }

    private static String issuer(KeycloakSession session, RealmModel realm) {
        try {
            return RealmIssuers.of(session.getContext().getUri().getBaseUri(), realm);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
    }

    /** Keycloak reads for {@link EventMapping}, in this request's session. */
    private final class SessionLookups implements EventMapping.Lookups {
        private final RealmModel realm;

        SessionLookups(RealmModel realm) {
            this.realm = realm;
        }

        @Override
        public String issuer() {
            return SmartAuditListener.issuer(session, realm);
        }

        @Override
        public String fhirUser(String userId) {
            UserModel user = session.users().getUserById(realm, userId);
            return user == null ? null : user.getFirstAttribute(FhirUser.NAME);
        }

        @Override
        public String patientInContext() {
            // The launch-context binding leaves the context it bound as a ClientSessionContext attribute under the
            // LaunchContext class name (for the token-response mapper); token events find their patient there.
            if (!(session.getAttribute(ClientSessionContext.class.getName()) instanceof ClientSessionContext context)) {
                return null;
            }
            LaunchContext launch = context.getAttribute(LaunchContext.class.getName(), LaunchContext.class);
            return launch == null ? null : launch.patient();
        }
    }

    /** The events of this request, queued only when its transaction commits. */
    private final class Staged extends AbstractKeycloakTransaction {
        private final List<AuditQueue.Delivery> deliveries = new ArrayList<>();

        @Override
        protected void commitImpl() {
            deliveries.forEach(factory.queue()::offer);
            deliveries.clear();
        }

        @Override
        protected void rollbackImpl() {
            deliveries.clear();
        }
    }
}
