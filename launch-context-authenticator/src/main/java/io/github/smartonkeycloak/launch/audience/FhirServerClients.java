package io.github.smartonkeycloak.launch.audience;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.smartonkeycloak.core.launch.FhirBaseUrls;

/** The mapper setting {@code <FHIR base URL>=<client id> ...}, read leniently: malformed pairs are skipped. */
final class FhirServerClients {

    private FhirServerClients() {
    }

    static Map<String, String> parse(String setting) {
        Map<String, String> clients = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return clients;
        }
        for (String pair : setting.trim().split("\\s+")) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0 && eq < pair.length() - 1) {
                clients.put(FhirBaseUrls.parse(pair.substring(0, eq)).primary(), pair.substring(eq + 1));
            }
        }
        return clients;
    }
}
