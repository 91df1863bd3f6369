package io.github.smartonkeycloak.core.scope;

import static io.github.smartonkeycloak.core.scope.SmartScopeParser.parseResourceScope;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Negotiation against the scenarios of smart-inferno-checks.md §6. */
class ScopeNegotiatorTest {

    private final ScopeNegotiator negotiator = new ScopeNegotiator(ResourceTypes.r4());

    private static List<ResourceScope> scopes(String... texts) {
        return Arrays.stream(texts).map(SmartScopeParser::parseResourceScope).toList();
    }

    private List<String> granted(String requested, String... ceilings) {
        return negotiator.negotiate(InfernoScopes.resourceScopes(requested), scopes(ceilings)).grants().stream()
                .map(Grant::text).toList();
    }

    @Test
    void standaloneV2RequestWithinAPatientCeilingIsGrantedVerbatim() {
        List<String> requested = InfernoScopes.resourceScopes(InfernoScopes.STANDALONE_SMART_2).stream()
                .map(ResourceScope::text).toList();

        assertThat(granted(InfernoScopes.STANDALONE_SMART_2, "patient/*.cruds")).containsExactlyElementsOf(requested);
    }

    @Test
    void aV1RequestIsAnsweredInV1() {
        assertThat(granted(InfernoScopes.V1_SCOPES_GROUP, "patient/*.cruds"))
                .hasSize(InfernoScopes.resourceScopes(InfernoScopes.V1_SCOPES_GROUP).size()).hasSize(24)
                .allMatch(scope -> scope.endsWith(".read"));
        assertThat(granted("patient/*.*", "patient/*.rs")).containsExactly("patient/*.read");
        assertThat(granted("patient/Observation.*", "patient/*.cud")).containsExactly("patient/Observation.write");
    }

    @Test
    void aV2RequestIsAnsweredInV2EvenWhenACeilingIsWrittenInV1() {
        assertThat(granted("patient/*.cruds", "patient/*.read")).containsExactly("patient/*.rs");
    }

    @Test
    void whatV1CannotSayIsAnsweredInV2() {
        assertThat(granted("patient/Observation.*", "patient/*.cs")).containsExactly("patient/Observation.cs");
    }

    @Test
    void granularScopesComeBackExactlyAsAskedAndAreNeverWidened() {
        List<String> requested = InfernoScopes.resourceScopes(InfernoScopes.GRANULAR_1).stream().map(ResourceScope::text).toList();

        assertThat(granted(InfernoScopes.GRANULAR_1, "patient/*.cruds", "patient/Observation.rs", "patient/*.rs"))
                .containsExactlyElementsOf(requested);
    }

    @Test
    void aPercentEncodedGranularScopeIsEchoedInTheAppsOwnEncoding() {
        String encoded = "patient/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory";

        assertThat(granted(encoded, "patient/*.rs")).containsExactly(encoded);
    }

    /** US Core 7's scopes table spells social-history's system with {@code //} and a hyphen; apps copied it. */
    @Test
    void usCoresMisspelledSocialHistorySystemIsGrantedAsTheRealOneInTheAppsSpelling() {
        String misspelled = "patient/Observation.rs?category=http://terminology.hl7.org//CodeSystem-observation-category|social-history";
        String correct = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|social-history";
        String encoded = "patient/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2F%2FCodeSystem-observation-category%7Csocial-history";

        assertThat(granted(misspelled, "patient/*.rs")).containsExactly(misspelled);
        assertThat(granted(encoded, "patient/*.rs")).containsExactly(encoded);
        assertThat(granted(misspelled, correct)).as("a ceiling in the real spelling covers it").containsExactly(misspelled);
        assertThat(granted(correct, misspelled)).containsExactly(correct);
        assertThat(parseResourceScope(misspelled)).isEqualTo(parseResourceScope(correct));
        assertThat(parseResourceScope("patient/Observation.rs?category=http://terminology.hl7.org//CodeSystem-observation-categoryX|a"))
                .as("only the exact misspelled system").isNotEqualTo(parseResourceScope("patient/Observation.rs?category="
                        + Constraint.OBSERVATION_CATEGORY + "X|a"));
    }

    @Test
    void aBroadRequestIsNarrowedToTheCeilings() {
        assertThat(granted("patient/*.rs", "patient/Observation.rs", "patient/Condition.r"))
                .containsExactly("patient/Observation.rs", "patient/Condition.r");
        assertThat(granted("patient/*.cruds", "patient/Observation.rs?category=a|b"))
                .containsExactly("patient/Observation.rs?category=a|b");
    }

    @Test
    void ceilingsCoveredByOthersDoNotAddRedundantGrants() {
        assertThat(granted("patient/*.rs", "patient/Observation.rs", "patient/*.cruds", "patient/Condition.rs"))
                .containsExactly("patient/*.rs");
    }

    @Test
    void scopesNoCeilingAllowsAreDroppedNotFailed() {
        Negotiation negotiation = negotiator.negotiate(scopes("user/Observation.rs", "patient/Observation.rs", "system/*.rs"),
                scopes("patient/*.rs"));

        assertThat(negotiation.grants()).extracting(Grant::text).containsExactly("patient/Observation.rs");
        assertThat(negotiation.dropped()).extracting(ResourceScope::text).containsExactly("user/Observation.rs", "system/*.rs");
    }

    @Test
    void wellFormedScopesForUnsupportedTypesAreDropped() {
        ScopeNegotiator limited = new ScopeNegotiator(ResourceTypes.parse("Patient Observation"));

        Negotiation negotiation = limited.negotiate(scopes("patient/Observation.rs", "patient/Condition.rs",
                "patient/MedicationOrder.rs", "patient/*.rs"), scopes("patient/*.cruds"));

        assertThat(negotiation.grants()).extracting(Grant::text).containsExactly("patient/Observation.rs", "patient/*.rs");
        assertThat(negotiation.dropped()).extracting(ResourceScope::text)
                .containsExactly("patient/Condition.rs", "patient/MedicationOrder.rs");
    }

    /** Found by ScopeFuzzTest: a wildcard request was granted a ceiling's unsupported type. */
    @Test
    void aWildcardRequestIsNotGrantedACeilingOfAnUnsupportedType() {
        ScopeNegotiator limited = new ScopeNegotiator(ResourceTypes.parse("Patient Observation"));

        Negotiation negotiation = limited.negotiate(scopes("patient/*.rs", "user/*.rs"),
                scopes("patient/Condition.rs", "patient/Observation.rs", "user/Condition.rs"));

        assertThat(negotiation.grants()).extracting(Grant::text).containsExactly("patient/Observation.rs");
        assertThat(negotiation.dropped()).extracting(ResourceScope::text).containsExactly("user/*.rs");
    }

    @Test
    void anEhrUserListNeedsAUserCeiling() {
        assertThat(granted(InfernoScopes.EHR_SMART_2, "patient/*.cruds")).isEmpty();
        assertThat(granted(InfernoScopes.EHR_SMART_2, "user/*.rs")).hasSize(26).allMatch(scope -> scope.startsWith("user/"));
    }

    @Test
    void duplicatesAreGrantedOnce() {
        assertThat(granted("patient/Observation.rs patient/Observation.rs patient/Observation.read", "patient/*.rs"))
                .containsExactly("patient/Observation.rs", "patient/Observation.read");
    }

    @Test
    void theGrantRemembersItsCeiling() {
        Negotiation negotiation = negotiator.negotiate(scopes("patient/Observation.rs", "user/Patient.rs"),
                scopes("user/*.rs", "patient/*.cruds"));

        assertThat(negotiation.grants()).extracting(Grant::ceiling).containsExactly(1, 0);
        assertThat(parseResourceScope("patient/Observation.rs")).isEqualTo(negotiation.grants().get(0).requested());
    }
}
