package io.github.smartonkeycloak.core.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import io.github.smartonkeycloak.core.scope.Grant;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ResourceTypes;
import io.github.smartonkeycloak.core.scope.ScopeNegotiator;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.junit.jupiter.api.Test;

class ProfileScopesTest {

    private static List<ResourceScope> scopes(String... texts) {
        return Arrays.stream(texts).map(SmartScopeParser::parseResourceScope).toList();
    }

    private static List<Grant> grants(String requested, String... ceilings) {
        return new ScopeNegotiator(ResourceTypes.r4()).negotiate(scopes(requested.split(" ")), scopes(ceilings)).grants();
    }

    private static List<String> texts(List<Grant> grants) {
        return grants.stream().map(Grant::text).toList();
    }

    /** Cloud Healthcare API: "SMART … on FHIR v1.1.0", scopes ( 'read' | 'write' | '*' ). */
    @Test
    void googleAnswersEachV2ScopeInItsExactV1Form() {
        List<Grant> shaped = ProfileScopes.shape(ResourceServerProfile.GOOGLE,
                grants("patient/Patient.rs patient/Observation.cud patient/*.cruds patient/Condition.read", "patient/*.cruds"), true);

        assertThat(texts(shaped)).containsExactly("patient/Patient.read", "patient/Observation.write", "patient/*.*",
                "patient/Condition.read");
        assertThat(shaped.get(0).granted()).as("the same access").isEqualTo(SmartScopeParser.parseResourceScope("patient/Patient.rs"));
    }

    @Test
    void googleRefusesWhatV1CannotSayAndNamesTheScope() {
        assertThat(ProfileScopes.refusal(ResourceServerProfile.GOOGLE, scopes("patient/Patient.rs", "patient/Observation.r")))
                .hasValueSatisfying(refusal -> {
                    assertThat(refusal.scope()).isEqualTo("patient/Observation.r");
                    assertThat(refusal.description()).startsWith("patient/Observation.r: this FHIR server takes SMART v1");
                });
        String granular = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
        assertThat(ProfileScopes.refusal(ResourceServerProfile.GOOGLE, scopes(granular)))
                .as("the whole scope, though it holds a ':' of its own").hasValueSatisfying(refusal ->
                        assertThat(refusal.scope()).isEqualTo(granular));
        assertThat(ProfileScopes.refusal(ResourceServerProfile.GOOGLE, scopes("patient/Patient.rs", "user/*.cruds", "patient/Observation.read")))
                .isEmpty();
        assertThat(ProfileScopes.refusal(ResourceServerProfile.AZURE, scopes("patient/Observation.r"))).isEmpty();
    }

    /** Microsoft fhir-server: "SMART clinical scopes must use a single context. Patient, user, and system scopes cannot be mixed." */
    @Test
    void azureKeepsOneContext() {
        List<Grant> mixed = grants("patient/Patient.rs user/Observation.rs user/Condition.rs", "patient/*.rs", "user/*.rs");

        assertThat(texts(ProfileScopes.shape(ResourceServerProfile.AZURE, mixed, true))).containsExactly("patient/Patient.rs");
        assertThat(texts(ProfileScopes.shape(ResourceServerProfile.AZURE, mixed, false)))
                .containsExactly("user/Observation.rs", "user/Condition.rs");
        List<Grant> oneContext = grants("user/Observation.rs user/Condition.rs", "user/*.rs");
        assertThat(ProfileScopes.shape(ResourceServerProfile.AZURE, oneContext, true)).isEqualTo(oneContext);
        List<Grant> withSystem = grants("system/Patient.rs patient/Patient.rs", "system/*.rs", "patient/*.rs");
        assertThat(texts(ProfileScopes.shape(ResourceServerProfile.AZURE, withSystem, true))).containsExactly("system/Patient.rs");
    }

    @Test
    void otherProfilesLeaveTheGrantsAsTheyAre() {
        List<Grant> mixed = grants("patient/Patient.rs user/Observation.rs", "patient/*.rs", "user/*.rs");
        for (ResourceServerProfile profile : List.of(ResourceServerProfile.GENERIC, ResourceServerProfile.HEALTHLAKE,
                ResourceServerProfile.FHIR_GATEWAY, ResourceServerProfile.HAPI)) {
            assertThat(ProfileScopes.shape(profile, mixed, true)).as(profile.id()).isEqualTo(mixed);
            assertThat(ProfileScopes.refusal(profile, scopes("patient/Observation.r"))).isEmpty();
        }
    }
}
