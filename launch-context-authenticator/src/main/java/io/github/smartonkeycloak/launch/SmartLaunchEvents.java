package io.github.smartonkeycloak.launch;

/** Details the pack adds to Keycloak's login events: ids only, never patient data. */
public final class SmartLaunchEvents {

    /** The first 8 characters of the consumed launch id (enough to correlate, useless to replay). */
    public static final String LAUNCH = "smart_launch";
    public static final String PATIENT = "smart_patient";
    public static final String ENCOUNTER = "smart_encounter";
    public static final String AUDIENCE = "smart_aud";
    public static final String ERROR = "smart_error";

    private SmartLaunchEvents() {
    }
}
