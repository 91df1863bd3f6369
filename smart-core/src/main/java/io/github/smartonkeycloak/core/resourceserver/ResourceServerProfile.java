package io.github.smartonkeycloak.core.resourceserver;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the FHIR server behind a base URL checks tokens, so the access token takes the shape it accepts
 * (docs/resource-server-profiles.md has each rule with its source).
 */
public enum ResourceServerProfile {

    /** The pack's own shape: SMART's claims as SMART App Launch 2.2 names them. */
    GENERIC("generic", true),
    /** Azure Health Data Services: SMART scopes also in {@code scp}, {@code azp}, {@code fhirUser}. */
    AZURE("azure", true),
    /** AWS HealthLake: {@code aud} is the data store endpoint, {@code fhirUser}. */
    HEALTHLAKE("healthlake", true),
    /** Google Cloud Healthcare API: SMART v1 scopes only. Not built yet: the scope negotiation has no v1-only mode. */
    GOOGLE("google", false),
    /** Google's open-source FHIR gateway: {@code patient_id} next to {@code patient}. */
    FHIR_GATEWAY("fhir-gateway", true),
    /** HAPI FHIR's authorization interceptors, fed from the JWT or introspection. */
    HAPI("hapi", true);

    private final String id;
    private final boolean built;

    ResourceServerProfile(String id, boolean built) {
        this.id = id;
        this.built = built;
    }

    /** The name admins write in settings. */
    public String id() {
        return id;
    }

    /** The profile an admin named, if it is built: settings accept no profile that would change nothing yet. */
    public static Optional<ResourceServerProfile> ofId(String id) {
        return Arrays.stream(values()).filter(profile -> profile.built)
                .filter(profile -> profile.id.equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
    }

    /** The ids settings accept. */
    public static List<String> ids() {
        return Arrays.stream(values()).filter(profile -> profile.built).map(ResourceServerProfile::id).toList();
    }

    /** A profile the issue asks for and the pack does not build yet, by id. */
    public static Optional<ResourceServerProfile> planned(String id) {
        return Arrays.stream(values()).filter(profile -> !profile.built)
                .filter(profile -> profile.id.equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
    }
}
