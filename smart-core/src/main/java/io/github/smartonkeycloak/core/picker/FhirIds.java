package io.github.smartonkeycloak.core.picker;

import java.util.regex.Pattern;

/** FHIR logical ids: {@code [A-Za-z0-9\-\.]{1,64}}. Anything else is never sent to the FHIR server or stored. */
public final class FhirIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private FhirIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
