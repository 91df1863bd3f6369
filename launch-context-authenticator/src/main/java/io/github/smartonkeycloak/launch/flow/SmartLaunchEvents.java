package io.github.smartonkeycloak.launch.flow;

/** Details the pack adds to Keycloak's login events: ids only, never patient data. */
public final class SmartLaunchEvents {

    /** The first 8 characters of the consumed launch id (enough to correlate, useless to replay). */
    public static final String LAUNCH = "smart_launch";
    public static final String PATIENT = "smart_patient";
    public static final String ENCOUNTER = "smart_encounter";
    public static final String AUDIENCE = "smart_aud";
    public static final String ERROR = "smart_error";
    /** Something the user or app should know that did not stop the login, e.g. a fhirUser the user lacks. */
    public static final String WARNING = "smart_warning";
    /** The resource scopes the user allowed on the consent page (or earlier, when remembered), space separated. */
    public static final String SCOPES_ALLOWED = "smart_scopes_allowed";
    /** The offered resource scopes the user did not allow. */
    public static final String SCOPES_DECLINED = "smart_scopes_declined";
    /** How consent was settled: {@code asked} or {@code remembered}. */
    public static final String CONSENT = "smart_consent";
    /** {@code revoked} when a consent declined a scope allowed before, so the app's earlier tokens were ended. */
    public static final String EARLIER_TOKENS = "smart_earlier_tokens";
    /** The FHIR {@code Consent} a grant is linked to ({@code Consent/<id>}), when the realm keeps them in FHIR. */
    public static final String CONSENT_RECORD = "smart_consent_record";
    /** What happened to that record: {@code recorded}, {@code changed}, {@code reused} or {@code withdrawn}. */
    public static final String CONSENT_CHANGE = "smart_consent_change";

    private SmartLaunchEvents() {
    }
}
