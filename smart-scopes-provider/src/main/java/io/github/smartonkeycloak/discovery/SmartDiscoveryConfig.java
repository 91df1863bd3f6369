package io.github.smartonkeycloak.discovery;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Realm settings that shape the discovery document. They are realm attributes, so they travel with a realm export
 * and can be changed through the admin REST API ({@code PUT /admin/realms/{realm}}) without a restart.
 */
public final class SmartDiscoveryConfig {

    /** Capabilities not to advertise even where they work, separated by spaces or commas. */
    public static final String WITHHELD_CAPABILITIES = "smart.withheldCapabilities";

    /** {@code false} leaves {@code registration_endpoint} out; dynamic registration is advertised by default. */
    public static final String REGISTRATION_ENDPOINT = "smart.registrationEndpoint";

    private final Map<String, String> realmAttributes;

    private SmartDiscoveryConfig(Map<String, String> realmAttributes) {
        this.realmAttributes = realmAttributes == null ? Map.of() : realmAttributes;
    }

    public static SmartDiscoveryConfig of(Map<String, String> realmAttributes) {
        return new SmartDiscoveryConfig(realmAttributes);
    }

    public Set<String> withheldCapabilities() {
        return Optional.ofNullable(realmAttributes.get(WITHHELD_CAPABILITIES))
                .map(value -> Arrays.stream(value.split("[\\s,]+"))
                        .filter(capability -> !capability.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    public boolean advertiseRegistrationEndpoint() {
        return Optional.ofNullable(realmAttributes.get(REGISTRATION_ENDPOINT))
                .map(String::trim)
                .map(value -> !value.equalsIgnoreCase("false"))
                .orElse(true);
    }
}
