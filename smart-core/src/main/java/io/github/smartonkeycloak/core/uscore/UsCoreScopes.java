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
        return supportedUnder(ceilings, false);
    }

    /**
     * As {@link #supportedUnder(Collection)}; with {@code v1Only} (a realm whose FHIR server takes SMART v1 only), each
     * resource-level scope in v1 ({@code patient/Patient.read}) and no granular scope, which v1 cannot say.
     */
    public static Set<String> supportedUnder(Collection<ResourceScope> ceilings, boolean v1Only) {
        Set<String> scopes = new LinkedHashSet<>();
        for (ScopeContext context : CONTEXTS) {
            for (String type : RESOURCE_TYPES) {
                if (covered(ceilings, context.prefix() + "/" + type + ".rs")) {
                    scopes.add(context.prefix() + "/" + type + (v1Only ? ".read" : ".rs"));
                }
                if (v1Only) {
                    continue;
                }
                for (ScopeCategory category : UsCoreCategories.of(type)) {
                    String granular = context.prefix() + "/" + type + ".rs?category=" + category.system() + "|" + category.code();
                    if (covered(ceilings, granular)) {
                        scopes.add(granular);
                    }
                }
            }
        }
        return scopes;
    }

    private static boolean covered(Collection<ResourceScope> ceilings, String text) {
        ResourceScope scope = SmartScopeParser.resourceScope(text).orElseThrow();
        return ceilings.stream().anyMatch(ceiling -> ceiling.covers(scope));
    }
}
