package io.github.smartonkeycloak.core.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context an EHR launch (or a standalone pick) puts next to the access token: ids and small values only, never
 * patient data. Field names are SMART's token-response names.
 *
 * @param patient a Patient id, or null
 * @param encounter an Encounter id, or null
 * @param fhirContext further resources in context (possibly empty)
 * @param needPatientBanner whether the app must show a patient banner, or null when unknown
 */
public record LaunchContext(String patient, String encounter, List<FhirContextItem> fhirContext,
        Boolean needPatientBanner, String smartStyleUrl, String intent, String tenant) {

    public static final LaunchContext EMPTY = new LaunchContext(null, null, List.of(), null, null, null, null);

    public LaunchContext {
        fhirContext = fhirContext == null ? List.of() : List.copyOf(fhirContext);
    }

    public LaunchContext withPatient(String patientId) {
        return new LaunchContext(patientId, encounter, fhirContext, needPatientBanner, smartStyleUrl, intent, tenant);
    }

    public LaunchContext withEncounter(String encounterId) {
        return new LaunchContext(patient, encounterId, fhirContext, needPatientBanner, smartStyleUrl, intent, tenant);
    }

    public LaunchContext withBannerIfAbsent(boolean banner) {
        return needPatientBanner != null ? this
                : new LaunchContext(patient, encounter, fhirContext, banner, smartStyleUrl, intent, tenant);
    }

    public LaunchContext withStyleUrlIfAbsent(String styleUrl) {
        return smartStyleUrl != null ? this
                : new LaunchContext(patient, encounter, fhirContext, needPatientBanner, styleUrl, intent, tenant);
    }

    /** The fields with their SMART names and JSON types, absent ones left out; {@code fhirContext} as objects. */
    public Map<String, Object> asJsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        putIfPresent(fields, ContextField.PATIENT, patient);
        putIfPresent(fields, ContextField.ENCOUNTER, encounter);
        if (!fhirContext.isEmpty()) {
            List<Map<String, Object>> items = new ArrayList<>();
            fhirContext.forEach(item -> items.add(item.asObject()));
            fields.put(ContextField.FHIR_CONTEXT.claim(), items);
        }
        putIfPresent(fields, ContextField.NEED_PATIENT_BANNER, needPatientBanner);
        putIfPresent(fields, ContextField.SMART_STYLE_URL, smartStyleUrl);
        putIfPresent(fields, ContextField.INTENT, intent);
        putIfPresent(fields, ContextField.TENANT, tenant);
        return fields;
    }

    /** Reads what {@link #asJsonFields()} wrote (stored by the pack itself, so trusted). */
    @SuppressWarnings("unchecked")
    public static LaunchContext fromJsonFields(Map<String, Object> fields) {
        List<FhirContextItem> items = new ArrayList<>();
        Object fhirContext = fields.get(ContextField.FHIR_CONTEXT.claim());
        if (fhirContext instanceof List<?> list) {
            list.forEach(item -> items.add(FhirContextItem.fromObject((Map<String, Object>) item)));
        }
        return new LaunchContext((String) field(fields, ContextField.PATIENT), (String) field(fields, ContextField.ENCOUNTER),
                items, (Boolean) field(fields, ContextField.NEED_PATIENT_BANNER),
                (String) field(fields, ContextField.SMART_STYLE_URL), (String) field(fields, ContextField.INTENT),
                (String) field(fields, ContextField.TENANT));
    }

    private static Object field(Map<String, Object> fields, ContextField field) {
        return fields.get(field.claim());
    }

    private static void putIfPresent(Map<String, Object> fields, ContextField field, Object value) {
        if (value != null) {
            fields.put(field.claim(), value);
        }
    }
}
