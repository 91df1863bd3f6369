package io.github.smartonkeycloak.core.launch;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The launch context fields SMART puts next to the access token (token response and introspection), by their SMART
 * names. The one list of them: the launch API parser, the context's JSON form, the token mapper and the binding
 * all name the fields through this enum.
 */
public enum ContextField {
    PATIENT("patient"),
    ENCOUNTER("encounter"),
    FHIR_CONTEXT("fhirContext"),
    NEED_PATIENT_BANNER("need_patient_banner"),
    SMART_STYLE_URL("smart_style_url"),
    INTENT("intent"),
    TENANT("tenant");

    private static final Set<String> CLAIM_NAMES = claimNamesInOrder();

    private final String claim;

    ContextField(String claim) {
        this.claim = claim;
    }

    /** The field's name in the token response, in introspection and in the launch API's body. */
    public String claim() {
        return claim;
    }

    /** The SMART names, in the order of the specification's token response table. */
    public static Set<String> claimNames() {
        return CLAIM_NAMES;
    }

    public static boolean isContextClaim(String name) {
        return CLAIM_NAMES.contains(name);
    }

    private static Set<String> claimNamesInOrder() {
        Set<String> names = new LinkedHashSet<>();
        for (ContextField field : values()) {
            names.add(field.claim);
        }
        return Collections.unmodifiableSet(names);
    }
}
