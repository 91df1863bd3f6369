package io.github.smartonkeycloak.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.junit.jupiter.api.Test;

class ConsentOptionsTest {

    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private static final String VITALS = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
    private static final String PROBLEMS = "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item";
    private static final String HEALTH_CONCERNS = "patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern";
    private static final String SDOH = "patient/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh";

    private static List<ResourceScope> scopes(String... texts) {
        return java.util.Arrays.stream(texts).map(SmartScopeParser::parseResourceScope).toList();
    }

    @Test
    void everyGrantIsACheckedOptionAndConditionAndObservationOfferTheirUsCoreCategoriesUnchecked() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs"));

        assertThat(options.all()).filteredOn(ConsentOption::checkedByDefault).extracting(ConsentOption::text)
                .containsExactly("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs");
        assertThat(options.all()).filteredOn(ConsentOption::isSubScope).extracting(ConsentOption::text)
                .contains(LAB, VITALS, PROBLEMS, HEALTH_CONCERNS, SDOH)
                .hasSize(9)
                .allMatch(text -> text.startsWith("patient/Condition.rs?") || text.startsWith("patient/Observation.rs?"));
        assertThat(options.all()).filteredOn(ConsentOption::isSubScope).noneMatch(ConsentOption::checkedByDefault);
    }

    @Test
    void subScopesKeepTheGrantsContextAndPermissionsInV2() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("user/Observation.read"));

        assertThat(options.all()).extracting(ConsentOption::text)
                .contains("user/Observation.read", "user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
    }

    @Test
    void wildcardsAndGranularGrantsGetNoSubScopesAndAnAppsOwnCategoryIsNotOfferedTwice() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/*.rs", LAB, "patient/Observation.rs"));

        assertThat(options.all()).extracting(ConsentOption::text).containsOnlyOnce(LAB);
        assertThat(options.all()).filteredOn(option -> option.text().equals(LAB)).singleElement()
                .satisfies(option -> assertThat(option.checkedByDefault()).isTrue());
        assertThat(options.all()).filteredOn(option -> option.text().startsWith("patient/*")).hasSize(1);
    }

    @Test
    void uncheckedScopesAreDeclinedAndCategoriesReplaceTheResourceLevelScope() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs"));

        ConsentChoice choice = options.choose(List.of("patient/Patient.rs", LAB, PROBLEMS));

        assertThat(choice.allowed()).containsExactly("patient/Patient.rs", LAB, PROBLEMS);
        assertThat(choice.declined()).contains("patient/Condition.rs", "patient/Observation.rs", VITALS)
                .doesNotContain("patient/Patient.rs", LAB, PROBLEMS);
    }

    @Test
    void aCheckedSubScopeUnderACheckedResourceScopeAddsNothing() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/Observation.rs"));

        ConsentChoice choice = options.choose(List.of(LAB, "patient/Observation.rs"));

        assertThat(choice.allowed()).containsExactly("patient/Observation.rs");
        assertThat(choice.declined()).isEmpty();
    }

    @Test
    void aValueThatWasNotOfferedIsRefused() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/Observation.rs"));

        assertThatThrownBy(() -> options.choose(List.of("patient/*.cruds"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.choose(List.of("patient/Condition.rs"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkingNothingDeclinesEverything() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/Patient.rs"));

        assertThat(options.choose(List.of()).allowed()).isEmpty();
        assertThat(options.choose(List.of()).declined()).containsExactly("patient/Patient.rs");
    }
}
