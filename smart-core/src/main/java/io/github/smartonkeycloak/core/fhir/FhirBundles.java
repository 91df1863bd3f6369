package io.github.smartonkeycloak.core.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the few fields the pickers need from FHIR R4 JSON; anything malformed is a {@link FhirUnavailableException}. */
public final class FhirBundles {

    private FhirBundles() {
    }

    public static <T> List<T> entries(JsonNode bundle, String resourceType, Function<JsonNode, T> reader) {
        if (bundle == null || !"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new FhirUnavailableException("the FHIR server did not answer with a Bundle");
        }
        List<T> items = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (resourceType.equals(resource.path("resourceType").asText())) {
                items.add(reader.apply(resource));
            }
        }
        return items;
    }

    /** A read's answer: it must be the Patient asked for, whatever the server sent. */
    public static PatientSummary patient(JsonNode patient, String id) {
        if (patient == null || !"Patient".equals(patient.path("resourceType").asText()) || !id.equals(patient.path("id").asText())) {
            throw new FhirUnavailableException("the FHIR server did not answer a read of a Patient with that Patient");
        }
        return patient(patient);
    }

    public static PatientSummary patient(JsonNode patient) {
        return new PatientSummary(patient.path("id").asText(), displayName(patient.path("name")),
                text(patient.path("birthDate")), text(patient.path("gender")));
    }

    public static EncounterSummary encounter(JsonNode encounter) {
        JsonNode type = encounter.path("type").path(0);
        String typeText = type.hasNonNull("text") ? type.path("text").asText() : text(type.path("coding").path(0).path("display"));
        if (typeText == null) {
            typeText = text(encounter.path("class").path("display"));
        }
        if (typeText == null) {
            typeText = text(encounter.path("class").path("code"));
        }
        return new EncounterSummary(encounter.path("id").asText(), text(encounter.path("period").path("start")),
                typeText, text(encounter.path("status")));
    }

    private static String displayName(JsonNode names) {
        JsonNode name = names.path(0);
        if (name.hasNonNull("text")) {
            return name.path("text").asText();
        }
        List<String> parts = new ArrayList<>();
        name.path("given").forEach(given -> parts.add(given.asText()));
        if (name.hasNonNull("family")) {
            parts.add(name.path("family").asText());
        }
        return parts.isEmpty() ? "(no name)" : String.join(" ", parts);
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
