package io.github.smartonkeycloak.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.core.audit.AuditEventKind;
import io.github.smartonkeycloak.core.audit.AuditRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/** Which Keycloak events become which AuditEvents, with ids from the event, its details and the request. */
class EventMappingTest {

    private static final String ISSUER = "https://kc.example/realms/smart";

    private final EventMapping.Lookups lookups = mock(EventMapping.Lookups.class);

    @BeforeEach
    void aRealmWithAPractitioner() {
        given(lookups.issuer()).willReturn(ISSUER);
        given(lookups.fhirUser("user-1")).willReturn("Practitioner/dr-jones");
    }

    @Test
    void aLoginIsAGrantedAuthorizationWithUserAppAndPatient() {
        AuditRecord record = single(event(EventType.LOGIN, "user-1", null, Map.of("smart_patient", "amy-shaw",
                "smart_consent", "asked", "smart_launch", "abcd1234")));

        assertThat(record.kind()).isEqualTo(AuditEventKind.AUTHORIZATION);
        assertThat(record.success()).isTrue();
        assertThat(record.consentDecision()).isTrue();
        assertThat(record.userId()).isEqualTo("user-1");
        assertThat(record.fhirUser()).isEqualTo("Practitioner/dr-jones");
        assertThat(record.clientId()).isEqualTo("app");
        assertThat(record.patientId()).isEqualTo("amy-shaw");
        assertThat(record.launch()).isEqualTo("abcd1234");
        assertThat(record.issuer()).isEqualTo(ISSUER);
        assertThat(record.clientAddress()).isEqualTo("192.0.2.1");
        assertThat(record.recorded().toEpochMilli()).isEqualTo(1_000L);
    }

    @Test
    void aDeniedConsentIsADeniedAuthorization() {
        AuditRecord record = single(event(EventType.LOGIN_ERROR, "user-1", "access_denied",
                Map.of("smart_scopes_declined", "patient/*.rs")));

        assertThat(record.kind()).isEqualTo(AuditEventKind.AUTHORIZATION);
        assertThat(record.success()).isFalse();
        assertThat(record.error()).isEqualTo("access_denied");
        assertThat(record.consentDecision()).isTrue();
    }

    @Test
    void theDenyButtonOfTheConsentPageIsAConsentDecision() {
        AuditRecord record = single(event(EventType.LOGIN_ERROR, "user-1", "consent_denied", Map.of("smart_patient", "amy-shaw")));

        assertThat(record.consentDecision()).isTrue();
        assertThat(record.patientId()).isEqualTo("amy-shaw");
    }

    @Test
    void tokensIssuedCarryJtiGrantAndThePatientTheRequestBound() {
        given(lookups.patientInContext()).willReturn("ben-shaw");

        AuditRecord code = single(event(EventType.CODE_TO_TOKEN, "user-1", null, Map.of("token_id", "jti-1",
                "grant_type", "authorization_code")));
        AuditRecord refresh = single(event(EventType.REFRESH_TOKEN, "user-1", null, Map.of("token_id", "jti-2")));

        assertThat(code.kind()).isEqualTo(AuditEventKind.TOKEN_ISSUED);
        assertThat(code.tokenId()).isEqualTo("jti-1");
        assertThat(code.grantType()).isEqualTo("authorization_code");
        assertThat(code.patientId()).isEqualTo("ben-shaw");
        assertThat(refresh.grantType()).as("derived from the event type").isEqualTo("refresh_token");
    }

    @Test
    void clientCredentialsNameTheAppNotItsServiceAccount() {
        AuditRecord record = single(event(EventType.CLIENT_LOGIN, "service-account-id", null, Map.of("token_id", "jti-3")));

        assertThat(record.kind()).isEqualTo(AuditEventKind.TOKEN_ISSUED);
        assertThat(record.grantType()).isEqualTo("client_credentials");
        assertThat(record.userId()).isNull();
    }

    @Test
    void aRefusedRefreshIsAFailedTokenEvent() {
        AuditRecord record = single(event(EventType.REFRESH_TOKEN_ERROR, "user-1", "invalid_grant", Map.of()));

        assertThat(record.kind()).isEqualTo(AuditEventKind.TOKEN_ISSUED);
        assertThat(record.success()).isFalse();
        assertThat(record.error()).isEqualTo("invalid_grant");
    }

    @Test
    void aRevokedGrantNamesTheRefreshToken() {
        AuditRecord record = single(event(EventType.REVOKE_GRANT, "user-1", null, Map.of("refresh_token_id", "rt-1")));

        assertThat(record.kind()).isEqualTo(AuditEventKind.TOKEN_REVOKED);
        assertThat(record.tokenId()).isEqualTo("rt-1");
    }

    @Test
    void consentDetailsAddAConsentEvent() {
        List<AuditRecord> login = EventMapping.records(event(EventType.LOGIN, "user-1", null, Map.of(
                "smart_patient", "amy-shaw", "smart_consent_record", "c-1", "smart_consent_change", "recorded")), lookups);
        List<AuditRecord> revoke = EventMapping.records(event(EventType.REVOKE_GRANT, "user-1", null, Map.of(
                "smart_consent_record", "Consent/c-1", "smart_consent_change", "withdrawn")), lookups);
        List<AuditRecord> change = EventMapping.records(event(EventType.LOGIN, "user-1", null, Map.of(
                "smart_consent_record", "c-1", "smart_consent_change", "changed")), lookups);

        assertThat(login).extracting(AuditRecord::kind)
                .containsExactly(AuditEventKind.AUTHORIZATION, AuditEventKind.CONSENT_RECORDED);
        assertThat(login.get(1).consentId()).isEqualTo("c-1");
        assertThat(login.get(1).patientId()).isEqualTo("amy-shaw");
        assertThat(revoke).extracting(AuditRecord::kind)
                .containsExactly(AuditEventKind.TOKEN_REVOKED, AuditEventKind.CONSENT_WITHDRAWN);
        assertThat(revoke.get(1).consentId()).isEqualTo("c-1");
        assertThat(change).extracting(AuditRecord::kind).contains(AuditEventKind.CONSENT_CHANGED);
    }

    @Test
    void anUnknownConsentChangeOrAFailedEventRecordsNoConsentEvent() {
        assertThat(EventMapping.records(event(EventType.LOGIN, "user-1", null, Map.of("smart_consent_record", "c-1",
                "smart_consent_change", "deleted")), lookups)).extracting(AuditRecord::kind)
                .containsExactly(AuditEventKind.AUTHORIZATION);
        assertThat(EventMapping.records(event(EventType.LOGIN_ERROR, "user-1", "access_denied", Map.of(
                "smart_consent_record", "c-1", "smart_consent_change", "recorded")), lookups)).hasSize(1);
    }

    @Test
    void aTokenFamilyRevocationIsItsOwnSuccessfulEvent() {
        List<AuditRecord> records = EventMapping.records(event(EventType.REFRESH_TOKEN_ERROR, "user-1", "invalid_grant",
                Map.of("smart_token_family", "revoked", "refresh_token_id", "rt-9")), lookups);

        assertThat(records).extracting(AuditRecord::kind)
                .containsExactly(AuditEventKind.TOKEN_ISSUED, AuditEventKind.TOKEN_FAMILY_REVOKED);
        assertThat(records.get(0).success()).isFalse();
        assertThat(records.get(1).success()).isTrue();
        assertThat(records.get(1).tokenId()).isEqualTo("rt-9");
    }

    @Test
    void otherEventsAreNotAudited() {
        assertThat(EventMapping.records(event(EventType.UPDATE_PROFILE, "user-1", null, Map.of()), lookups)).isEmpty();
        assertThat(EventMapping.records(event(EventType.INTROSPECT_TOKEN, null, null, Map.of()), lookups)).isEmpty();
    }

    @Test
    void namesInDetailsNeverBecomeIds() {
        AuditRecord record = single(event(EventType.LOGIN, "user-1", null, Map.of("smart_patient", "Amy Shaw",
                "username", "amy")));

        assertThat(record.patientId()).isNull();
        assertThat(record.toString()).doesNotContain("Amy").doesNotContain("amy,");
    }

    private AuditRecord single(Event event) {
        List<AuditRecord> records = EventMapping.records(event, lookups);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static Event event(EventType type, String userId, String error, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setTime(1_000L);
        event.setRealmId("realm-id");
        event.setClientId("app");
        event.setUserId(userId);
        event.setIpAddress("192.0.2.1");
        event.setError(error);
        event.setDetails(new HashMap<>(details));
        return event;
    }
}
