package io.github.smartonkeycloak.launch.consent.store.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.consent.store.GrantSubject;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore.RecordedConsent;
import io.github.smartonkeycloak.launch.directory.FhirHttp;
import io.github.smartonkeycloak.launch.directory.FhirUrls;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The FHIR consent store's records and checks, against a local stand-in that keeps Consent resources. */
class FhirConsentStoreTest {

    private static final String ISSUER = "http://localhost:8080/realms/smart";
    private static final List<String> SCOPES = List.of("patient/Observation.rs", "patient/Patient.rs");

    private ConsentStandIn fhir;
    private CloseableHttpClient client;
    private final ScheduledExecutorService aborts = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ConsentCache cache = new ConsentCache(clock::get);
    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);
    private final UserModel otherUser = mock(UserModel.class);
    private final ClientModel app = mock(ClientModel.class);

    @BeforeEach
    void start() throws IOException {
        fhir = new ConsentStandIn();
        client = HttpClients.createDefault();
        when(realm.getId()).thenReturn("realm-1");
        when(realm.getName()).thenReturn("smart");
        when(user.getId()).thenReturn("user-1");
        when(user.getFirstAttribute("fhirUser")).thenReturn("Patient/85");
        when(otherUser.getId()).thenReturn("user-2");
        when(app.getClientId()).thenReturn("growth-chart");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        fhir.close();
        aborts.shutdownNow();
    }

    private FhirConsentStore store(int cacheSeconds) {
        ConsentRecords records = new ConsentRecords(new FhirHttp(client, Duration.ofSeconds(5), aborts),
                new FhirUrls("smart", fhir.base()), () -> "service-token", ISSUER);
        return new FhirConsentStore(records, cache,
                SmartRealmSettings.of(Map.of(SmartRealmSettings.CONSENT_CACHE_SECONDS, String.valueOf(cacheSeconds))));
    }

    private GrantSubject amyFor(UserModel who) {
        return new GrantSubject(realm, who, app, "85");
    }

    @Test
    void aDecisionCreatesOneRecordThatNamesTheAppAndLinksTheGrant() {
        RecordedConsent recorded = store(0).record(amyFor(user), SCOPES, true).orElseThrow();

        assertThat(recorded.change()).isEqualTo("recorded");
        assertThat(fhir.consents).hasSize(1);
        var consent = fhir.consents.values().iterator().next();
        assertThat(recorded.reference()).isEqualTo("Consent/" + consent.path("id").asText());
        assertThat(consent.path("status").asText()).isEqualTo("active");
        assertThat(consent.path("patient").path("reference").asText()).isEqualTo("Patient/85");
        assertThat(consent.path("identifier").path(0).path("system").asText()).isEqualTo(ISSUER + "/consents");
        assertThat(consent.path("identifier").path(0).path("value").asText()).isEqualTo("user-1/growth-chart/85");
        assertThat(consent.toString()).contains(ISSUER + "/clients").contains("growth-chart");
        assertThat(store(0).check(amyFor(user), SCOPES).kind()).isEqualTo(ConsentVerdictKind.PERMITTED);
    }

    @Test
    void theSameDecisionAgainReusesTheRecordAndAChangedOneUpdatesIt() {
        FhirConsentStore store = store(0);
        String first = store.record(amyFor(user), SCOPES, true).orElseThrow().reference();

        RecordedConsent again = store.record(amyFor(user), SCOPES, true).orElseThrow();
        assertThat(again).isEqualTo(new RecordedConsent(first, "reused"));
        assertThat(fhir.writes.get()).isEqualTo(1);

        RecordedConsent narrower = store.record(amyFor(user), List.of("patient/Patient.rs"), false).orElseThrow();
        assertThat(narrower).isEqualTo(new RecordedConsent(first, "changed"));
        assertThat(fhir.consents).hasSize(1);
        assertThat(store.check(amyFor(user), SCOPES).kind()).isNotEqualTo(ConsentVerdictKind.PERMITTED);
        assertThat(store.check(amyFor(user), List.of("patient/Patient.rs")).kind()).isEqualTo(ConsentVerdictKind.PERMITTED);
    }

    @Test
    void theTokenRequestAfterADecisionChecksWhatWasWrittenWithoutSearchingAgain() {
        FhirConsentStore store = store(2);
        store.record(amyFor(user), SCOPES, false);
        int searches = fhir.searches.get();

        assertThat(store.check(amyFor(user), SCOPES).kind()).isEqualTo(ConsentVerdictKind.PERMITTED);
        assertThat(fhir.searches.get()).as("answered from the records as written").isEqualTo(searches);

        store.record(amyFor(user), List.of("patient/Patient.rs"), false);
        assertThat(store.check(amyFor(user), SCOPES).kind()).as("the narrower grant, at once").isNotEqualTo(ConsentVerdictKind.PERMITTED);
        assertThat(store.check(amyFor(user), List.of("patient/Patient.rs")).kind()).isEqualTo(ConsentVerdictKind.PERMITTED);
    }

    @Test
    void aRecordMadeInactiveOnTheServerIsSeenOnceTheCacheWindowHasPassed() {
        FhirConsentStore store = store(2);
        store.record(amyFor(user), SCOPES, false);
        assertThat(store.check(amyFor(user), SCOPES).kind()).isEqualTo(ConsentVerdictKind.PERMITTED);
        int searches = fhir.searches.get();

        fhir.consents.values().forEach(consent -> consent.put("status", "inactive"));
        assertThat(store.check(amyFor(user), SCOPES).kind()).as("within the window").isEqualTo(ConsentVerdictKind.PERMITTED);
        assertThat(fhir.searches.get()).isEqualTo(searches);

        clock.addAndGet(2_000);
        assertThat(store.check(amyFor(user), SCOPES).kind()).isEqualTo(ConsentVerdictKind.WITHDRAWN);
    }

    @Test
    void aStandingDenyWithNoActorRefusesEveryApp() {
        fhir.consents.put("deny-1", (com.fasterxml.jackson.databind.node.ObjectNode) org.keycloak.util.JsonSerialization
                .mapper.valueToTree(Map.of("resourceType", "Consent", "id", "deny-1", "status", "active",
                        "patient", Map.of("reference", "Patient/85"),
                        "provision", Map.of("type", "deny"))));

        assertThat(store(0).preference(amyFor(user)).kind()).isEqualTo(ConsentVerdictKind.DENIED);
        assertThat(store(0).preference(new GrantSubject(realm, user, app, "86")).kind()).isEqualTo(ConsentVerdictKind.NONE);
    }

    @Test
    void withdrawalMakesOnlyThatUsersRecordsForTheAppInactive() {
        FhirConsentStore store = store(0);
        store.record(amyFor(user), SCOPES, false);
        store.record(amyFor(otherUser), SCOPES, false);

        store.withdraw(realm, user, app);

        assertThat(fhir.consents.values()).extracting(consent -> consent.path("identifier").path(0).path("value").asText()
                + "=" + consent.path("status").asText())
                .containsExactlyInAnyOrder("user-1/growth-chart/85=inactive", "user-2/growth-chart/85=active");
        assertThat(store.check(amyFor(user), SCOPES).kind()).as("the other user's record still permits the app")
                .isEqualTo(ConsentVerdictKind.PERMITTED);
    }

    @Test
    void aServerThatRefusesTheServiceTokenFailsClosedWithTheStatusOnly() {
        fhir.failWith = 403;

        assertThatThrownBy(() -> store(0).check(amyFor(user), SCOPES))
                .isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("system/Consent.crus")
                .hasMessageNotContaining("OperationOutcome");
        assertThatThrownBy(() -> store(0).record(amyFor(user), SCOPES, false)).isInstanceOf(FhirUnavailableException.class);
    }

    @Test
    void aGrantWithoutAPatientHasNoRecord() {
        GrantSubject noPatient = new GrantSubject(realm, user, app, null);

        assertThat(store(0).record(noPatient, SCOPES, false)).isEmpty();
        assertThat(store(0).check(noPatient, SCOPES).kind()).isEqualTo(ConsentVerdictKind.NONE);
        assertThat(fhir.searches.get()).isZero();
    }

    @Test
    void aPatientIdThatIsNoFhirIdFailsClosedAndWritesNothing() {
        assertThatThrownBy(() -> store(0).record(new GrantSubject(realm, user, app, "85 OR 1=1"), SCOPES, false))
                .isInstanceOf(FhirUnavailableException.class).hasMessageNotContaining("85 OR");
        assertThat(fhir.writes.get()).isZero();
    }
}
