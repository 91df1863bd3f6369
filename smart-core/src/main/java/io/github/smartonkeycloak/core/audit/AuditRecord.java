package io.github.smartonkeycloak.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.smartonkeycloak.core.picker.FhirIds;

/**
 * One security event, as ids and codes only: who (user id, {@code fhirUser} reference), which app ({@code client_id}),
 * which patient and consent (FHIR ids), which token ({@code jti}), the outcome and when. Every field is checked
 * against the shape of an id or code and left out when it does not fit, so no free text (a name, an error message)
 * can reach an AuditEvent or the log it is written to.
 */
public record AuditRecord(AuditEventKind kind, Instant recorded, boolean success, String error, boolean consentDecision,
        String issuer, String userId, String fhirUser, String clientId, String requestingClientId, String clientAddress,
        String patientId, String consentId, String tokenId, String grantType, String launch) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.%]{1,64}");
    private static final Pattern REFERENCE = Pattern.compile("(https?://[\\x21-\\x7e]{1,200}/)?[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7e]{1,255}");

    public AuditRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recorded, "recorded");
    }

    public static Builder of(AuditEventKind kind, Instant recorded) {
        return new Builder(kind, recorded);
    }

    /** A record with every field but the kind kept, e.g. the consent event that came with a login. */
    public AuditRecord as(AuditEventKind otherKind) {
        return new AuditRecord(otherKind, recorded, success, error, consentDecision, issuer, userId, fhirUser, clientId,
                requestingClientId, clientAddress, patientId, consentId, tokenId, grantType, launch);
    }

    /** Builds a record; each setter drops a value that is not shaped like what it names. */
    public static final class Builder {
        private final AuditEventKind kind;
        private final Instant recorded;
        private boolean success = true;
        private String error;
        private boolean consentDecision;
        private String issuer;
        private String userId;
        private String fhirUser;
        private String clientId;
        private String requestingClientId;
        private String clientAddress;
        private String patientId;
        private String consentId;
        private String tokenId;
        private String grantType;
        private String launch;

        private Builder(AuditEventKind kind, Instant recorded) {
            this.kind = kind;
            this.recorded = recorded;
        }

        /** A failure with an OAuth or Keycloak error code ({@code access_denied}); anything else becomes {@code error}. */
        public Builder failure(String errorCode) {
            this.success = false;
            this.error = fits(CODE, errorCode) == null ? "error" : errorCode;
            return this;
        }

        /** Success after all, whatever {@link #failure} said. */
        public Builder succeeded() {
            this.success = true;
            this.error = null;
            return this;
        }

        /** The decision was made on the SMART consent page (or remembered from it), not by roles alone. */
        public Builder consentDecision(boolean decidedByConsent) {
            this.consentDecision = decidedByConsent;
            return this;
        }

        public Builder issuer(String realmIssuer) {
            this.issuer = fits(URL, realmIssuer);
            return this;
        }

        public Builder user(String keycloakUserId, String fhirUserReference) {
            this.userId = fits(CODE, keycloakUserId);
            this.fhirUser = fits(REFERENCE, fhirUserReference);
            return this;
        }

        public Builder client(String appClientId) {
            this.clientId = fits(CLIENT_ID, appClientId);
            return this;
        }

        /** The client that asked, when it is not the app itself (the EHR that registered a launch). */
        public Builder requestingClient(String requester) {
            this.requestingClientId = fits(CLIENT_ID, requester);
            return this;
        }

        public Builder clientAddress(String ipAddress) {
            this.clientAddress = fits(ADDRESS, ipAddress);
            return this;
        }

        /** A FHIR Patient id, or a {@code Patient/<id>} reference. */
        public Builder patient(String patient) {
            this.patientId = fhirId(patient, "Patient/");
            return this;
        }

        /** A FHIR Consent id, or a {@code Consent/<id>} reference. */
        public Builder consent(String consent) {
            this.consentId = fhirId(consent, "Consent/");
            return this;
        }

        public Builder token(String jti, String oauthGrantType) {
            this.tokenId = fits(CODE, jti);
            this.grantType = fits(CODE, oauthGrantType);
            return this;
        }

        /** The first characters of a launch id, enough to correlate (the full id is a single-use secret). */
        public Builder launch(String launchPrefix) {
            this.launch = fits(CODE, launchPrefix);
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(kind, recorded, success, error, consentDecision, issuer, userId, fhirUser, clientId,
                    requestingClientId, clientAddress, patientId, consentId, tokenId, grantType, launch);
        }

        private static String fhirId(String value, String prefix) {
            String id = value != null && value.startsWith(prefix) ? value.substring(prefix.length()) : value;
            return FhirIds.isValid(id) ? id : null;
        }

        private static String fits(Pattern pattern, String value) {
            return value != null && pattern.matcher(value).matches() ? value : null;
        }
    }
}
