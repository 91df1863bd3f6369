package io.github.smartonkeycloak.launch.consent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.smartonkeycloak.core.consent.ConsentOption;
import io.github.smartonkeycloak.core.consent.ConsentOptions;
import io.github.smartonkeycloak.core.consent.UsCoreCategories;
import io.github.smartonkeycloak.core.scope.Permission;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.keycloak.rar.AuthorizationDetails;

/**
 * The consent page's data as plain maps for FreeMarker: each resource-level option with its category sub-scopes
 * nested under it, described by parts the template turns into words ({@code smart-resource-<type>},
 * {@code smart-permission-<letter>}, {@code smart-category-<label>}), and the other access in Keycloak's own
 * consent texts.
 */
public final class ConsentPageModel {

    /** Resource types with their own message ({@code smart-resource-<type>}); others are shown by their FHIR name. */
    public static final Set<String> NAMED_TYPES = Set.of("*", "AllergyIntolerance", "CarePlan", "CareTeam", "Condition",
            "Coverage", "Device", "DiagnosticReport", "DocumentReference", "Encounter", "Goal", "Immunization",
            "Location", "Medication", "MedicationDispense", "MedicationRequest", "Observation", "Organization",
            "Patient", "Practitioner", "PractitionerRole", "Procedure", "Provenance", "QuestionnaireResponse",
            "RelatedPerson", "ServiceRequest", "Specimen");

    private ConsentPageModel() {
    }

    static List<Map<String, Object>> options(ConsentOptions options, Set<String> checked) {
        List<Map<String, Object>> top = new ArrayList<>();
        Map<String, List<Map<String, Object>>> children = new HashMap<>();
        int number = 0;
        for (ConsentOption option : options.all()) {
            Map<String, Object> model = option(option, checked.contains(option.text()));
            model.put("id", "smart-scope-" + number++);
            if (option.isSubScope()) {
                children.computeIfAbsent(option.parent(), parent -> new ArrayList<>()).add(model);
            } else {
                top.add(model);
            }
        }
        top.forEach(model -> model.put("subScopes", children.getOrDefault((String) model.get("scope"), List.of())));
        return top;
    }

    private static Map<String, Object> option(ConsentOption option, boolean checked) {
        ResourceScope scope = option.scope();
        Map<String, Object> model = new HashMap<>();
        model.put("scope", scope.text());
        model.put("context", scope.context().prefix());
        model.put("type", scope.resourceType());
        model.put("typeNamed", NAMED_TYPES.contains(scope.resourceType()));
        List<String> permissions = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            if (scope.permissions().contains(permission)) {
                permissions.add(String.valueOf(permission.letter()));
            }
        }
        model.put("permissions", permissions);
        model.put("checked", checked);
        if (option.category() != null) {
            model.put("category", option.category().label());
        } else if (!scope.constraints().isEmpty()) {
            // An app's own granular scope: a known category gets its name, anything else is shown as written.
            String value = scope.constraints().asList().size() == 1
                    && "category".equals(scope.constraints().asList().get(0).name())
                    ? scope.constraints().asList().get(0).value() : null;
            UsCoreCategories.find(scope.resourceType(), value).ifPresentOrElse(
                    category -> model.put("category", category.label()),
                    () -> model.put("constraints", scope.constraints().render()));
        }
        return model;
    }

    /** Keycloak's consent texts of the requested access other than resource scopes (identity, launch, offline). */
    static List<String> otherAccess(List<AuthorizationDetails> entries) {
        List<String> texts = new ArrayList<>();
        for (AuthorizationDetails entry : entries) {
            String name = entry.getAuthorizationDetails() == null ? entry.getClientScope().getName()
                    : entry.getAuthorizationDetails().getScopeNameFromCustomData();
            if (SmartScopeParser.resourceScope(name).isPresent() || entry.getClientScope().isParameterizedScope()) {
                continue;
            }
            String text = entry.getClientScope().getConsentScreenText();
            if (text != null && !text.isBlank() && !texts.contains(text)) {
                texts.add(text);
            }
        }
        return texts;
    }
}
