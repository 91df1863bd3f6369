package io.github.smartonkeycloak.launch;

import java.util.Arrays;
import java.util.List;

/**
 * The FHIR servers a realm issues tokens for, as an app names them in {@code aud}. A trailing slash does not
 * matter; everything else must match exactly.
 */
public final class FhirBaseUrls {

    private final List<String> urls;

    private FhirBaseUrls(List<String> urls) {
        this.urls = urls;
    }

    /** Space- or comma-separated URLs; blank means none. */
    public static FhirBaseUrls parse(String list) {
        if (list == null || list.isBlank()) {
            return new FhirBaseUrls(List.of());
        }
        return new FhirBaseUrls(Arrays.stream(list.trim().split("[\\s,]+")).map(FhirBaseUrls::normalize).toList());
    }

    public boolean isEmpty() {
        return urls.isEmpty();
    }

    public boolean matches(String audience) {
        return audience != null && urls.contains(normalize(audience));
    }

    /** The first URL, as the {@code iss} of EHR launches. */
    public String primary() {
        return urls.isEmpty() ? null : urls.get(0);
    }

    public List<String> asList() {
        return urls;
    }

    private static String normalize(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
