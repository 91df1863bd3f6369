package io.github.smartonkeycloak.core.uscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.junit.jupiter.api.Test;

class UsCoreScopesTest {

    /**
     * US Core 7.0.0's SHALL granular scopes (requirements hl7.fhir.us.core_7.0.0 #158–165, from its
     * input/data/scopes.csv), in the spelling of SMART's examples; and the SHOULD one for clinical notes (#166).
     */
    private static final List<String> US_CORE_7_GRANULAR = List.of(
            "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis",
            "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item",
            "patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|social-history",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|survey",
            "patient/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh",
            "patient/DocumentReference.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category|clinical-note");

    @Test
    void aPatientWildcardReadCeilingSupportsEveryUsCoreTypeAndEveryRequiredCategory() {
        Set<String> supported = UsCoreScopes.supportedUnder(ceilings("patient/*.rs"));

        assertThat(supported).containsAll(US_CORE_7_GRANULAR);
        UsCoreScopes.RESOURCE_TYPES.forEach(type -> assertThat(supported).contains("patient/" + type + ".rs"));
        assertThat(supported).noneMatch(scope -> scope.startsWith("user/") || scope.startsWith("system/"));
    }

    @Test
    void eachContextIsListedOnlyWhereACeilingGrantsIt() {
        Set<String> supported = UsCoreScopes.supportedUnder(ceilings("user/*.cruds", "system/Observation.rs"));

        assertThat(supported).contains("user/Patient.rs",
                "user/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item",
                "system/Observation.rs",
                "system/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh");
        assertThat(supported).noneMatch(scope -> scope.startsWith("patient/"));
        assertThat(supported).noneMatch(scope -> scope.startsWith("system/") && !scope.startsWith("system/Observation."));
    }

    @Test
    void aCeilingWithoutReadOrSearchSupportsNoUsCoreScope() {
        assertThat(UsCoreScopes.supportedUnder(ceilings("patient/*.c", "patient/Observation.r"))).isEmpty();
        assertThat(UsCoreScopes.supportedUnder(List.of())).isEmpty();
    }

    @Test
    void aCategoryCeilingSupportsThatCategoryAndNotTheWholeType() {
        Set<String> supported = UsCoreScopes.supportedUnder(
                ceilings("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory"));

        assertThat(supported).containsExactly(
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
    }

    @Test
    void everyListedScopeParsesAsTheResourceScopeItNames() {
        UsCoreScopes.supportedUnder(ceilings("patient/*.rs", "user/*.rs", "system/*.rs"))
                .forEach(scope -> assertThat(SmartScopeParser.resourceScope(scope)).as(scope).isPresent());
    }

    private static List<ResourceScope> ceilings(String... scopes) {
        return List.of(scopes).stream().map(SmartScopeParser::parseResourceScope).toList();
    }

    @Test
    void aV1OnlyRealmListsEachTypeInV1AndNoGranularScope() {
        Set<String> supported = UsCoreScopes.supportedUnder(ceilings("patient/*.rs"), true);

        assertThat(supported).contains("patient/Patient.read", "patient/Observation.read").hasSize(UsCoreScopes.RESOURCE_TYPES.size())
                .noneMatch(scope -> scope.contains("?") || scope.endsWith(".rs"));
    }
}
