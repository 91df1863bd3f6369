package io.github.smartonkeycloak.launch.flow;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.github.smartonkeycloak.core.fhir.EncounterSummary;
import io.github.smartonkeycloak.core.fhir.PatientSummary;

/** Plain maps for the FreeMarker templates (whose object wrapper does not read record components). */
public final class TemplateModels {

    /** FHIR's administrative genders, each with a message; anything else is not shown. */
    private static final Set<String> FHIR_GENDERS = Set.of("male", "female", "other", "unknown");

    private TemplateModels() {
    }

    public static Map<String, String> patient(PatientSummary patient) {
        Map<String, String> model = new HashMap<>();
        model.put("id", patient.id());
        model.put("name", patient.name());
        putIfPresent(model, "birthDate", patient.birthDate());
        if (patient.gender() != null && FHIR_GENDERS.contains(patient.gender())) {
            model.put("gender", patient.gender());
        }
        return model;
    }

    public static Map<String, String> encounter(EncounterSummary encounter) {
        Map<String, String> model = new HashMap<>();
        model.put("id", encounter.id());
        putIfPresent(model, "start", encounter.start());
        putIfPresent(model, "type", encounter.type());
        putIfPresent(model, "status", encounter.status());
        return model;
    }


    private static void putIfPresent(Map<String, String> model, String name, String value) {
        if (value != null) {
            model.put(name, value);
        }
    }
}
