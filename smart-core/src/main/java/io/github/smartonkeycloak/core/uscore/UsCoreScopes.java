package io.github.smartonkeycloak.core.uscore;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.smartonkeycloak.core.consent.ScopeCategory;
import io.github.smartonkeycloak.core.consent.UsCoreCategories;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeContext;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;

/**
 * The US Core 7 scopes a realm supports, for {@code scopes_supported}: US Core's SMART page says the server "SHALL
 * support all scopes listed in the table above for the US Core Profiles they support" and lists them there
 * (hl7.org/fhir/us/core/STU7/scopes.html, generated from {@code input/data/scopes.csv}). A scope is listed only where a
 * ceiling of the realm covers it, so the document never advertises a scope the negotiation would drop.
 */
public final class UsCoreScopes {

    /** The resource types of US Core 7's profiles (the rows of its scopes table). */
    public static final List<String> RESOURCE_TYPES = List.of("AllergyIntolerance", "CarePlan", "CareTeam", "Condition",
            "Coverage", "Device", "DiagnosticReport", "DocumentReference", "Encounter", "Goal", "Immunization", "Location",
            "Medication", "MedicationDispense", "MedicationRequest", "Observation", "Organization", "Patient",
            "Practitioner", "PractitionerRole", "Procedure", "Provenance", "QuestionnaireResponse", "RelatedPerson",
            "ServiceRequest", "Specimen");

    private static final List<ScopeContext> CONTEXTS = List.of(ScopeContext.PATIENT, ScopeContext.USER, ScopeContext.SYSTEM);

    private UsCoreScopes() {
    }

    /**
     * Per context, in US Core's order: {@code <context>/<type>.rs} for each type a ceiling covers, then the granular
     * category scopes of that type ({@code ?category=<system>|<code>}) a ceiling covers.
     */
    public static Set<String> supportedUnder(Collection<ResourceScope> ceilings) {
        Set<String> scopes = new LinkedHashSet<>();
        for (ScopeContext context : CONTEXTS) {
            for (String type : RESOURCE_TYPES) {
                addIfCovered(scopes, ceilings, context.prefix() + "/" + type + ".rs");
                for (ScopeCategory category : UsCoreCategories.of(type)) {
                    addIfCovered(scopes, ceilings, context.prefix() + "/" + type + ".rs?category=" + category.system() + "|" + category.code());
                }
            }
        }
        return scopes;
    }

    private static void addIfCovered(Set<String> scopes, Collection<ResourceScope> ceilings, String text) {
        ResourceScope scope = SmartScopeParser.resourceScope(text).orElseThrow();
        if (ceilings.stream().anyMatch(ceiling -> ceiling.covers(scope))) {
            scopes.add(text);
        }
    }
}
