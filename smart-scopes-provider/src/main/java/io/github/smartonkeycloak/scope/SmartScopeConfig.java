package io.github.smartonkeycloak.scope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Realm settings of the scope engine. A realm attribute, so it travels with the realm export and changes through
 * the admin REST API without a restart.
 */
public final class SmartScopeConfig {

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
