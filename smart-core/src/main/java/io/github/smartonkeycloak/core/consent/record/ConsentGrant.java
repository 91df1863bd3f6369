package io.github.smartonkeycloak.core.consent.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the pack knows about one SMART grant at the consent page or a token request: the app, the patient, the user
 * who decided, the exact granted scopes and when. Ids only, never names: it is kept in sessions and may be logged.
 *
 * @param appSystem the realm's system URI for its clients' {@code client_id}s
 * @param clientId the app's {@code client_id}
 * @param patientId the patient's bare FHIR id (e.g. {@code 85}), or null when the grant has no patient
 * @param performer the deciding user's {@code fhirUser} (e.g. {@code RelatedPerson/7}), or null
 * @param grantedScopes the exact granted scope strings, as in the token's {@code scope}
 * @param offline whether the grant includes offline access (a refresh token that outlives the session)
 * @param dateTime when the decision was made
 * @param periodEnd when the grant ends, or null for no set end
 */
public record ConsentGrant(String appSystem, String clientId, String patientId, String performer,
        List<String> grantedScopes, boolean offline, Instant dateTime, Instant periodEnd) {

    public ConsentGrant {
        requireText(appSystem, "appSystem");
        requireText(clientId, "clientId");
        Objects.requireNonNull(dateTime, "dateTime");
        grantedScopes = List.copyOf(Objects.requireNonNull(grantedScopes, "grantedScopes"));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a consent grant needs a " + name);
        }
    }
}
