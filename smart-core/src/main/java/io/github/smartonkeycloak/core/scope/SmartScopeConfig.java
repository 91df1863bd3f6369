package io.github.smartonkeycloak.core.scope;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Realm settings of the scope engine. A realm attribute, so it travels with the realm export and changes through
 * the admin REST API without a restart.
 */
public final class SmartScopeConfig {

    /**
     * The FHIR servers the realm issues tokens for. Its presence is what makes a realm a SMART realm for the scope
     * engine (see {@link #isSmartRealm()}); the launch checks read the URLs themselves.
     */
    public static final String FHIR_BASE_URLS = "smart.fhirBaseUrls";

    /** Resource types the realm's FHIR server supports (space or comma separated); empty means all of FHIR R4. */
    public static final String SUPPORTED_RESOURCE_TYPES = "smart.supportedResourceTypes";

    // Parsed lists by attribute value: the attribute is read on every request, its value rarely changes.
    private static final Map<String, ResourceTypes> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 64;

    private final Map<String, String> realmAttributes;

    private SmartScopeConfig(Map<String, String> realmAttributes) {
        this.realmAttributes = realmAttributes == null ? Map.of() : realmAttributes;
    }

    public static SmartScopeConfig of(Map<String, String> realmAttributes) {
        return new SmartScopeConfig(realmAttributes);
    }

    /**
     * Whether the realm is set up for SMART: it names at least one FHIR base URL. Without one, every SMART request is
     * refused anyway (no {@code aud} can match), so such a realm is left to Keycloak's own scope handling.
     */
    public boolean isSmartRealm() {
        String value = realmAttributes.get(FHIR_BASE_URLS);
        return value != null && Arrays.stream(value.split("[\\s,]+")).anyMatch(url -> !url.isEmpty());
    }

    public ResourceTypes supportedResourceTypes() {
        String value = realmAttributes.get(SUPPORTED_RESOURCE_TYPES);
        if (value == null || value.isBlank()) {
            return ResourceTypes.r4();
        }
        if (PARSED.size() > MAX_CACHED) {
            PARSED.clear();
        }
        return PARSED.computeIfAbsent(value, ResourceTypes::parse);
    }
}
