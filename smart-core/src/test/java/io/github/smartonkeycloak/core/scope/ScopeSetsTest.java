package io.github.smartonkeycloak.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScopeSetsTest {

    private static List<ResourceScope> scopes(String... texts) {
        return Arrays.stream(texts).map(SmartScopeParser::parseResourceScope).toList();
    }

    @Test
    void intersectsTwoSetsKeepingOnlyMaximalScopes() {
        List<ResourceScope> result = ScopeSets.intersect(
                scopes("patient/*.rs", "patient/Observation.cruds"),
                scopes("patient/Observation.rs", "patient/Condition.r", "user/*.rs"));

        assertThat(result).extracting(ResourceScope::text)
                .containsExactlyInAnyOrder("patient/Observation.rs", "patient/Condition.r");
    }

    @Test
    void coverageOfASetIsCoverageByAnyMember() {
        List<ResourceScope> set = scopes("patient/Observation.rs", "patient/Condition.cruds");

        assertThat(ScopeSets.covers(set, SmartScopeParser.parseResourceScope("patient/Condition.read"))).isTrue();
        assertThat(ScopeSets.covers(set, SmartScopeParser.parseResourceScope("patient/Patient.r"))).isFalse();
        assertThat(ScopeSets.coversAll(set, scopes("patient/Observation.s", "patient/Condition.c"))).isTrue();
    }
}
