package io.github.smartonkeycloak.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmartScopeParserTest {

    /** Percent-encoded UTF-8 of more than one byte per character decodes to the character, between plain text. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "patient/Observation.rs?code=caf%C3%A9; caf\u00e9",
            "patient/Observation.rs?code=%E2%82%AC10; \u20ac10",
            "patient/Observation.rs?code=%c3%a9t%C3%A9; \u00e9t\u00e9",
            "patient/Observation.rs?code=a%F0%9F%A9%BAb%7Cc; a\uD83E\uDE7Ab|c"})
    void percentEncodedMultiByteCharactersDecode(String scope, String value) {
        ResourceScope parsed = (ResourceScope) SmartScopeParser.parse(scope);
        assertThat(parsed.constraints().asList()).containsExactly(new Constraint("code", value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // scope; context; type; v2 permissions; syntax; constraint count
            "patient/Observation.rs; PATIENT; Observation; rs; V2; 0",
            "user/*.read; USER; *; rs; V1; 0",
            "system/Patient.rs; SYSTEM; Patient; rs; V2; 0",
            "patient/*.write; PATIENT; *; cud; V1; 0",
            "user/Encounter.*; USER; Encounter; cruds; V1; 0",
            "patient/*.cruds; PATIENT; *; cruds; V2; 0",
            "patient/Observation.c; PATIENT; Observation; c; V2; 0",
            "patient/Observation.cd; PATIENT; Observation; cd; V2; 0",
            "user/MedicationRequest.ruds; USER; MedicationRequest; ruds; V2; 0",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory; PATIENT; Observation; rs; V2; 1",
            "patient/Observation.rs?category=a|b&code=http://loinc.org|1234-5; PATIENT; Observation; rs; V2; 2",
            "user/Condition.s?category=http%3A%2F%2Fhl7.org%2Ffhir%2Fus%2Fcore%2FCodeSystem%2Fcondition-category%7Chealth-concern; USER; Condition; s; V2; 1",
    })
    void parsesResourceScopes(String text, ScopeContext context, String type, String permissions, ScopeSyntax syntax,
            int constraints) {
        ResourceScope scope = SmartScopeParser.parseResourceScope(text);

        assertThat(scope.context()).isEqualTo(context);
        assertThat(scope.resourceType()).isEqualTo(type);
        assertThat(scope.permissions().v2()).isEqualTo(permissions);
        assertThat(scope.syntax()).isEqualTo(syntax);
        assertThat(scope.constraints().asList()).hasSize(constraints);
        assertThat(scope.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
            "patient/Observation.read, patient/Observation.rs",
            "patient/Observation.write, patient/Observation.cud",
            "patient/Observation.*, patient/Observation.cruds",
            "user/*.read, user/*.rs",
            "system/*.*, system/*.cruds"})
    void v1AndV2NamesForTheSameAccessAreEqual(String v1, String v2) {
        ResourceScope a = SmartScopeParser.parseResourceScope(v1);
        ResourceScope b = SmartScopeParser.parseResourceScope(v2);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.syntax()).isEqualTo(ScopeSyntax.V1);
        assertThat(b.syntax()).isEqualTo(ScopeSyntax.V2);
        assertThat(a.text()).isEqualTo(v1);
    }

    @Test
    void percentEncodingIsDecodedSoEncodedAndPlainConstraintsAreEqual() {
        ResourceScope encoded = SmartScopeParser.parseResourceScope(
                "patient/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory");
        ResourceScope plain = SmartScopeParser.parseResourceScope(
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");

        assertThat(encoded).isEqualTo(plain);
        assertThat(encoded.constraints().asList()).containsExactly(new Constraint("category",
                "http://terminology.hl7.org/CodeSystem/observation-category|laboratory"));
    }

    @Test
    void constraintOrderDoesNotMatter() {
        assertThat(SmartScopeParser.parseResourceScope("patient/Observation.rs?a=1&b=2"))
                .isEqualTo(SmartScopeParser.parseResourceScope("patient/Observation.rs?b=2&a=1"));
    }

    @ParameterizedTest
    @FieldSource("io.github.smartonkeycloak.core.scope.InfernoScopes#ALL_LISTS")
    void parsesEveryScopeInfernoRequests(String list) {
        for (String scope : InfernoScopes.split(list)) {
            assertThat(SmartScopeParser.parse(scope).text()).isEqualTo(scope);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openid", "fhirUser", "profile", "online_access", "offline_access"})
    void parsesStandardScopes(String scope) {
        assertThat(SmartScopeParser.parse(scope)).isEqualTo(new StandardScope(scope));
    }

    @Test
    void parsesLaunchScopes() {
        assertThat(SmartScopeParser.parse("launch")).isEqualTo(new LaunchScope("launch", null, null));
        assertThat(((LaunchScope) SmartScopeParser.parse("launch")).isEhrLaunch()).isTrue();
        assertThat(SmartScopeParser.parse("launch/patient")).isEqualTo(new LaunchScope("launch/patient", "patient", null));
        assertThat(SmartScopeParser.parse("launch/encounter")).isEqualTo(new LaunchScope("launch/encounter", "encounter", null));
        assertThat(SmartScopeParser.parse("launch/Patient?role=https://example.org/referral%7Csource"))
                .isEqualTo(new LaunchScope("launch/Patient?role=https://example.org/referral%7Csource", "Patient",
                        "https://example.org/referral|source"));
        assertThat(SmartScopeParser.parse("launch/DiagnosticReport"))
                .isEqualTo(new LaunchScope("launch/DiagnosticReport", "DiagnosticReport", null));
        // SMART 2.2 writes further context types in lower case (launch/list?role=..., launch/relatedperson?role=friend).
        assertThat(SmartScopeParser.parse("launch/questionnaire?role=https://example.org/role/questionnaire-to-fill"))
                .isEqualTo(new LaunchScope("launch/questionnaire?role=https://example.org/role/questionnaire-to-fill",
                        "questionnaire", "https://example.org/role/questionnaire-to-fill"));
        assertThat(SmartScopeParser.parse("launch/relatedperson?role=friend"))
                .isEqualTo(new LaunchScope("launch/relatedperson?role=friend", "relatedperson", "friend"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"__my_scope", "https://example.org/scopes/read-all", "urn:example:scope", "http://x"})
    void parsesExtensionScopes(String scope) {
        assertThat(SmartScopeParser.parse(scope)).isEqualTo(new ExtensionScope(scope));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // scope; problem; zero-based position
            "patient/Observation.xyz; INVALID_PERMISSIONS; 20",
            "patient/Observation.sr; INVALID_PERMISSIONS; 21",
            "patient/Observation.rr; INVALID_PERMISSIONS; 21",
            "patient/Observation.reads; INVALID_PERMISSIONS; 21",
            "patient/Observation; MISSING_PERMISSIONS; 19",
            "patient/Observation.; MISSING_PERMISSIONS; 20",
            "patient/Observation?category=x; MISSING_PERMISSIONS; 19",
            "patient/.rs; MISSING_RESOURCE_TYPE; 8",
            "patient/observation.rs; INVALID_RESOURCE_TYPE; 8",
            "patient/Obs3rvation.rs; INVALID_RESOURCE_TYPE; 11",
            "patients/Observation.rs; UNKNOWN_CONTEXT; 0",
            "Patient/Observation.rs; UNKNOWN_CONTEXT; 0",
            "patient/Observation.read?category=x; QUERY_NEEDS_V2; 24",
            "patient/Observation.rs?; INVALID_QUERY; 23",
            "patient/Observation.rs?category; INVALID_QUERY; 23",
            "patient/Observation.rs?=x; INVALID_QUERY; 23",
            "patient/Observation.rs?category=; INVALID_QUERY; 32",
            "patient/Observation.rs?category=a&; INVALID_QUERY; 34",
            "patient/Observation.rs?cat!egory=a; INVALID_QUERY; 26",
            "patient/Observation.rs?category=%GG; INVALID_ENCODING; 32",
            "patient/Observation.rs?category=abc%2; INVALID_ENCODING; 35",
            "launch/; INVALID_LAUNCH; 7",
            "launch/*; INVALID_LAUNCH; 7",
            "launch/question-naire; INVALID_RESOURCE_TYPE; 15",
            "launch/patient?x=y; INVALID_LAUNCH; 15",
            "launch/patient?role=a&role=b; INVALID_LAUNCH; 15",
            "email; NOT_SMART; 0",
            "read; NOT_SMART; 0",
    })
    void saysWhatIsWrongAndWhere(String scope, ScopeProblem problem, int position) {
        assertThatThrownBy(() -> SmartScopeParser.parse(scope))
                .isInstanceOfSatisfying(ScopeSyntaxException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.scope()).isEqualTo(scope);
                    assertThat(e.getMessage()).startsWith(scope + ": ").contains("at character " + (position + 1));
                });
    }

    @Test
    void rejectsEmptyScopesAndForbiddenCharacters() {
        assertThatThrownBy(() -> SmartScopeParser.parse("")).hasFieldOrPropertyWithValue("problem", ScopeProblem.EMPTY);
        assertThatThrownBy(() -> SmartScopeParser.parse(null)).hasFieldOrPropertyWithValue("problem", ScopeProblem.EMPTY);
        for (String scope : List.of("patient/Observation.rs ", "patient/Obs\"ervation.rs", "patient/Observation.rs?a=\u00e9")) {
            assertThatThrownBy(() -> SmartScopeParser.parse(scope))
                    .hasFieldOrPropertyWithValue("problem", ScopeProblem.INVALID_CHARACTER);
        }
    }

    @Test
    void tellsSmartLookingScopesFromOtherNames() {
        assertThat(SmartScopeParser.looksLikeSmart("patient/Observation.xyz")).isTrue();
        assertThat(SmartScopeParser.looksLikeSmart("launch")).isTrue();
        assertThat(SmartScopeParser.looksLikeSmart("launch/")).isTrue();
        assertThat(SmartScopeParser.looksLikeSmart("email")).isFalse();
        assertThat(SmartScopeParser.looksLikeSmart("https://example.org/x")).isFalse();
        assertThat(SmartScopeParser.looksLikeSmart("launcher")).isFalse();
    }
}
