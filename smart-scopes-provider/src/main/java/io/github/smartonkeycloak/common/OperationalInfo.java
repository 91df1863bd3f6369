package io.github.smartonkeycloak.common;

import java.util.Map;

/**
 * What every factory of the pack shows on the admin console's "Provider info" page, so an admin can see which
 * build is installed.
 */
public final class OperationalInfo {

    private OperationalInfo() {
    }

    public static Map<String, String> of(Class<?> providerClass) {
        String version = providerClass.getPackage().getImplementationVersion();
        return Map.of("Version", version == null ? "unknown" : version);
    }
}
