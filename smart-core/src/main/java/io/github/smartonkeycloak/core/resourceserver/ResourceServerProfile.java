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
    GENERIC("generic"),
    /** Azure Health Data Services: SMART scopes also in {@code scp}, one context, {@code azp}, {@code fhirUser}. */
    AZURE("azure"),
    /** AWS HealthLake: {@code aud} is the data store endpoint, {@code fhirUser}. */
    HEALTHLAKE("healthlake"),
    /** Google Cloud Healthcare API: SMART v1 scopes only. */
    GOOGLE("google"),
    /** Google's open-source FHIR gateway: {@code patient_id} next to {@code patient}. */
    FHIR_GATEWAY("fhir-gateway"),
    /** HAPI FHIR's authorization interceptors, fed from the JWT or introspection. */
    HAPI("hapi");

    private final String id;

    ResourceServerProfile(String id) {
        this.id = id;
    }

    /** The name admins write in settings. */
    public String id() {
        return id;
    }

    /** The profile an admin named (any case). */
    public static Optional<ResourceServerProfile> ofId(String id) {
        return Arrays.stream(values()).filter(profile -> profile.id.equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
    }

    /** The ids settings accept. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ResourceServerProfile::id).toList();
    }
}
