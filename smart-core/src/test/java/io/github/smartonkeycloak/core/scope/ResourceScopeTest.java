package io.github.smartonkeycloak.core.scope;

import static io.github.smartonkeycloak.core.scope.SmartScopeParser.parseResourceScope;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceScopeTest {

    private static final String LAB = "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

    @ParameterizedTest
    @CsvSource({
            // a, b, a covers b
            "patient/*.cruds, patient/Observation.rs, true",
            "patient/*.rs, patient/Observation.read, true",
            "patient/Observation.read, patient/Observation.rs, true",
            "patient/Observation.rs, patient/*.rs, false",
            "patient/*.rs, user/Observation.rs, false",
            "patient/Observation.rs, patient/Observation.cruds, false",
            "patient/Observation.rs, patient/Condition.rs, false",
            "patient/Observation.rs, patient/Observation.rs?" + LAB + ", true",
            "patient/Observation.rs?" + LAB + ", patient/Observation.rs, false",
            "patient/Observation.rs?a=1, patient/Observation.s?a=1&b=2, true",
            "patient/Observation.rs?a=1&b=2, patient/Observation.s?a=1, false"})
    void coverage(String a, String b, boolean covers) {
        assertThat(parseResourceScope(a).covers(parseResourceScope(b))).isEqualTo(covers);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            // a, b, intersection (v2) or none
            "patient/*.cruds, patient/Observation.rs, patient/Observation.rs",
            "patient/*.read, patient/Observation.cruds, patient/Observation.rs",
            "patient/*.rs, patient/*.write, none",
            "patient/Observation.rs, patient/Condition.rs, none",
            "patient/Observation.rs, user/Observation.rs, none",
            "patient/*.cruds, patient/*.cud, patient/*.cud",
            "patient/Observation.rs?a=1, patient/*.s?b=2, patient/Observation.s?a=1&b=2"})
    void intersection(String a, String b, String expected) {
        ResourceScope left = parseResourceScope(a);
        ResourceScope right = parseResourceScope(b);

        if (expected == null) {
            assertThat(left.intersect(right)).isEmpty();
        } else {
            assertThat(left.intersect(right)).hasValue(parseResourceScope(expected));
            assertThat(left.intersect(right).orElseThrow().syntax()).isEqualTo(ScopeSyntax.V2);
        }
    }

    @Test
    void rendersInTheRequestedSyntaxWhereV1CanSayIt() {
        assertThat(parseResourceScope("patient/Observation.rs").render(ScopeSyntax.V1)).isEqualTo("patient/Observation.read");
        assertThat(parseResourceScope("patient/Observation.cruds").render(ScopeSyntax.V1)).isEqualTo("patient/Observation.*");
        assertThat(parseResourceScope("patient/Observation.cud").render(ScopeSyntax.V1)).isEqualTo("patient/Observation.write");
        assertThat(parseResourceScope("patient/Observation.r").render(ScopeSyntax.V1)).isEqualTo("patient/Observation.r");
        assertThat(parseResourceScope("patient/Observation.read").render(ScopeSyntax.V2)).isEqualTo("patient/Observation.rs");
        assertThat(parseResourceScope("patient/Observation.rs?" + LAB).render(ScopeSyntax.V1))
                .isEqualTo("patient/Observation.rs?" + LAB);
    }

    @Test
    void renderingEncodesOnlyWhatWouldBreakTheGrammar() {
        ResourceScope scope = ResourceScope.of(ScopeContext.PATIENT, "Observation", Permissions.V1_READ,
                Constraints.of(new Constraint("code", "http://loinc.org|1234-5 & more%")), ScopeSyntax.V2);

        assertThat(scope.text()).isEqualTo("patient/Observation.rs?code=http://loinc.org|1234-5%20%26%20more%25");
        assertThat(parseResourceScope(scope.text())).isEqualTo(scope);
    }

    @Test
    void permitsReadAndSearchByPermissionTypeAndContext() {
        ResourceScope scope = parseResourceScope("patient/Observation.rs");

        assertThat(scope.permits(ScopeContext.PATIENT, "Observation", Interaction.READ, Map.of())).isTrue();
        assertThat(scope.permits(ScopeContext.PATIENT, "Observation", Interaction.SEARCH, Map.of())).isTrue();
        assertThat(scope.permits(ScopeContext.PATIENT, "Observation", Interaction.CREATE, Map.of())).isFalse();
        assertThat(scope.permits(ScopeContext.PATIENT, "Condition", Interaction.READ, Map.of())).isFalse();
        assertThat(scope.permits(ScopeContext.USER, "Observation", Interaction.READ, Map.of())).isFalse();
        assertThat(parseResourceScope("patient/*.r").permits(ScopeContext.PATIENT, "Goal", Interaction.READ, Map.of())).isTrue();
        assertThat(parseResourceScope("patient/*.r").permits(ScopeContext.PATIENT, "Goal", Interaction.SEARCH, Map.of())).isFalse();
    }

    @Test
    void aGranularScopePermitsOnlySearchesPinnedToItsCategory() {
        ResourceScope lab = parseResourceScope("patient/Observation.rs?" + LAB);
        String labCategory = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
        String vitals = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";

        assertThat(lab.permits(ScopeContext.PATIENT, "Observation", Interaction.SEARCH,
                Map.of("category", List.of(labCategory), "patient", List.of("123")))).isTrue();
        assertThat(lab.permits(ScopeContext.PATIENT, "Observation", Interaction.SEARCH, Map.of())).isFalse();
        assertThat(lab.permits(ScopeContext.PATIENT, "Observation", Interaction.SEARCH,
                Map.of("category", List.of(labCategory + "," + vitals)))).isFalse();
        assertThat(lab.permits(ScopeContext.PATIENT, "Observation", Interaction.SEARCH,
                Map.of("category", List.of("laboratory")))).isFalse();
    }

    @Test
    void aGranularScopePermitsReadingOnlyResourcesInItsCategory() {
        ResourceScope lab = parseResourceScope("patient/Observation.rs?" + LAB);
        String labCategory = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

        assertThat(lab.permits(ScopeContext.PATIENT, "Observation", Interaction.READ,
                Map.of("category", List.of("x|y", labCategory)))).isTrue();
        assertThat(lab.permits(ScopeContext.PATIENT, "Observation", Interaction.READ,
                Map.of("category", List.of("x|y")))).isFalse();
    }
}
