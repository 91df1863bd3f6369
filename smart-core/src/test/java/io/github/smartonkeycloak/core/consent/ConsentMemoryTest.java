package io.github.smartonkeycloak.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.junit.jupiter.api.Test;

class ConsentMemoryTest {

    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

    private static List<ResourceScope> scopes(String... texts) {
        return java.util.Arrays.stream(texts).map(SmartScopeParser::parseResourceScope).toList();
    }

    @Test
    void nothingIsRememberedAtFirst() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/Patient.rs"));

        assertThat(options.remembered(ConsentMemory.EMPTY)).isEmpty();
    }

    @Test
    void theSameRequestGetsTheSameDecisionWithoutAsking() {
        ConsentOptions options = ConsentOptions.forGrants(scopes("patient/Patient.rs", "patient/Observation.rs"));
        ConsentChoice choice = options.choose(List.of("patient/Patient.rs", LAB));
        ConsentMemory memory = ConsentMemory.of(ConsentMemory.EMPTY.updatedWith(options, choice));

        Optional<ConsentChoice> again = options.remembered(memory);

        assertThat(again).contains(choice);
    }

    @Test
    void aScopeNeverDecidedOnMeansAskingAgain() {
        ConsentOptions first = ConsentOptions.forGrants(scopes("patient/Patient.rs"));
        ConsentMemory memory = ConsentMemory.of(ConsentMemory.EMPTY.updatedWith(first, first.choose(List.of("patient/Patient.rs"))));

        assertThat(ConsentOptions.forGrants(scopes("patient/Patient.rs", "patient/Condition.rs")).remembered(memory)).isEmpty();
    }

    @Test
    void anAllowedWiderScopeCoversNarrowerRequests() {
        ConsentOptions wide = ConsentOptions.forGrants(scopes("patient/*.rs"));
        ConsentMemory memory = ConsentMemory.of(ConsentMemory.EMPTY.updatedWith(wide, wide.choose(List.of("patient/*.rs"))));

        ConsentOptions narrow = ConsentOptions.forGrants(scopes("patient/Observation.rs"));

        assertThat(narrow.remembered(memory)).hasValueSatisfying(choice ->
                assertThat(choice.allowed()).containsExactly("patient/Observation.rs"));
    }

    @Test
    void aNewDeclineRemovesAnEarlierWiderGrantThatWouldCoverIt() {
        ConsentOptions wide = ConsentOptions.forGrants(scopes("patient/*.rs"));
        List<String> entries = ConsentMemory.EMPTY.updatedWith(wide, wide.choose(List.of("patient/*.rs")));
        ConsentOptions two = ConsentOptions.forGrants(scopes("patient/Observation.rs", "patient/Condition.rs"));

        ConsentMemory memory = ConsentMemory.of(ConsentMemory.of(entries).updatedWith(two, two.choose(List.of("patient/Observation.rs"))));

        assertThat(memory.decisionOn(SmartScopeParser.parseResourceScope("patient/Condition.rs"))).isEqualTo(ConsentMemory.Decision.DECLINED);
        assertThat(memory.decisionOn(SmartScopeParser.parseResourceScope("patient/Observation.rs"))).isEqualTo(ConsentMemory.Decision.ALLOWED);
        assertThat(memory.decisionOn(SmartScopeParser.parseResourceScope("patient/Patient.rs"))).isEqualTo(ConsentMemory.Decision.UNDECIDED);
    }

    @Test
    void entriesTooLongForKeycloaksColumnAreNotKept() {
        String longScope = "patient/Observation.rs?code=http://loinc.org|" + "1".repeat(240);
        ConsentOptions options = ConsentOptions.forGrants(scopes(longScope));

        List<String> entries = ConsentMemory.EMPTY.updatedWith(options, options.choose(List.of(longScope)));

        assertThat(entries).isEmpty();
        assertThat(options.remembered(ConsentMemory.of(entries))).isEmpty();
    }
}
