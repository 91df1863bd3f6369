package io.github.smartonkeycloak.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.smartonkeycloak.core.audit.AuditEventKind;
import io.github.smartonkeycloak.core.audit.AuditRecord;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * Which Keycloak events are audited, and as what. LOGIN and LOGIN_ERROR are authorization decisions; CODE_TO_TOKEN,
 * REFRESH_TOKEN and CLIENT_LOGIN (and their errors) are tokens issued or refused; REVOKE_GRANT is a revocation. Any
 * event may also carry a consent change ({@link SmartLaunchEvents#CONSENT_RECORD}, {@link SmartLaunchEvents#CONSENT_CHANGE}:
 * {@code recorded}, {@code changed} or {@code withdrawn}; {@code reused} is not a change) or a token family
 * revocation ({@link #TOKEN_FAMILY}), each its own AuditEvent. Everything else is not audited.
 */
final class EventMapping {

    /** {@code revoked} when a reused refresh token ended its whole token family. */
    static final String TOKEN_FAMILY = "smart_token_family";

    /** What the mapping reads from Keycloak beyond the event; looked up on the request thread. */
    interface Lookups {
        /** The realm's issuer URL (null if unknown). */
        String issuer();

        /** The user's {@code fhirUser} attribute (null if none). */
        String fhirUser(String userId);

        /** The patient in the launch context the request just bound to tokens (null if none). */
        String patientInContext();
    }

    private static final Map<String, AuditEventKind> CONSENT_CHANGES = Map.of(
            "recorded", AuditEventKind.CONSENT_RECORDED,
            "changed", AuditEventKind.CONSENT_CHANGED,
            "withdrawn", AuditEventKind.CONSENT_WITHDRAWN);
    private static final Map<EventType, String> TOKEN_GRANTS = Map.of(
            EventType.CODE_TO_TOKEN, OAuth2Constants.AUTHORIZATION_CODE,
            EventType.REFRESH_TOKEN, OAuth2Constants.REFRESH_TOKEN,
            EventType.CLIENT_LOGIN, OAuth2Constants.CLIENT_CREDENTIALS);

    private EventMapping() {
    }

    static List<AuditRecord> records(Event event, Lookups lookups) {
        EventType type = successType(event.getType());
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        List<AuditRecord> records = new ArrayList<>();
        AuditEventKind main = mainKind(type);
        if (main != null) {
            records.add(base(main, event, details, lookups).build());
        }
        AuditEventKind consent = CONSENT_CHANGES.get(details.getOrDefault(SmartLaunchEvents.CONSENT_CHANGE, ""));
        if (consent != null && event.getError() == null) {
            records.add(base(consent, event, details, lookups).consent(details.get(SmartLaunchEvents.CONSENT_RECORD)).build());
        }
        if ("revoked".equals(details.get(TOKEN_FAMILY))) {
            // The family's end succeeded even when the refresh that caused it was refused: no error on this one.
            records.add(base(AuditEventKind.TOKEN_FAMILY_REVOKED, event, details, lookups).succeeded().build());
        }
        return records;
    }

    private static AuditEventKind mainKind(EventType type) {
        if (type == EventType.LOGIN) {
            return AuditEventKind.AUTHORIZATION;
        }
        if (TOKEN_GRANTS.containsKey(type)) {
            return AuditEventKind.TOKEN_ISSUED;
        }
        return type == EventType.REVOKE_GRANT ? AuditEventKind.TOKEN_REVOKED : null;
    }

    private static AuditRecord.Builder base(AuditEventKind kind, Event event, Map<String, String> details, Lookups lookups) {
        EventType type = successType(event.getType());
        AuditRecord.Builder record = AuditRecord.of(kind, Instant.ofEpochMilli(event.getTime()))
                .issuer(lookups.issuer())
                .client(event.getClientId())
                .clientAddress(event.getIpAddress())
                .launch(details.get(SmartLaunchEvents.LAUNCH))
                .consentDecision(details.containsKey(SmartLaunchEvents.CONSENT)
                        || details.containsKey(SmartLaunchEvents.SCOPES_DECLINED) || Errors.CONSENT_DENIED.equals(event.getError()));
        // A client-credentials token's user is the client's service account: the app itself is who asked.
        if (event.getUserId() != null && type != EventType.CLIENT_LOGIN) {
            record.user(event.getUserId(), lookups.fhirUser(event.getUserId()));
        }
        String patient = details.get(SmartLaunchEvents.PATIENT);
        record.patient(patient != null ? patient : lookups.patientInContext());
        if (kind == AuditEventKind.TOKEN_ISSUED) {
            record.token(details.get(Details.TOKEN_ID), details.getOrDefault(Details.GRANT_TYPE, TOKEN_GRANTS.get(type)));
        } else if (kind == AuditEventKind.TOKEN_REVOKED || kind == AuditEventKind.TOKEN_FAMILY_REVOKED) {
            record.token(details.getOrDefault(Details.REFRESH_TOKEN_ID, details.get(Details.TOKEN_ID)), null);
        }
        if (event.getError() != null) {
            record.failure(event.getError());
        }
        return record;
    }

    private static EventType successType(EventType type) {
        String name = type.name();
        return name.endsWith("_ERROR") ? EventType.valueOf(name.substring(0, name.length() - "_ERROR".length())) : type;
    }
}
