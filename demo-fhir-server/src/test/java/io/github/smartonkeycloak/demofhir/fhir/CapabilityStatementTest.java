package io.github.smartonkeycloak.demofhir.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.demofhir.support.FhirHttp;
import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CapabilityStatementTest {

    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private static RunningDemo demo;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(5));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void metadataIsOpenAndDeclaresSmartOnFhirSecurity() {
        CapabilityStatementRestComponent rest = metadata().getRestFirstRep();

        assertThat(rest.getSecurity().getService()).anySatisfy(service -> assertThat(service.getCoding())
                .anySatisfy(coding -> {
                    assertThat(coding.getSystem())
                            .isEqualTo("http://terminology.hl7.org/CodeSystem/restful-security-service");
                    assertThat(coding.getCode()).isEqualTo("SMART-on-FHIR");
                }));
        assertThat(rest.getSecurity().getCors()).isTrue();
    }

    @Test
    void oauthUrisComeFromTheRealmUrl() {
        String realm = demo.keycloak().realmUrl();
        List<Extension> oauthUris = metadata().getRestFirstRep().getSecurity().getExtensionsByUrl(OAUTH_URIS);

        assertThat(oauthUris).hasSize(1);
        Extension uris = oauthUris.get(0);
        assertThat(uri(uris, "authorize")).isEqualTo(realm + "/protocol/openid-connect/auth");
        assertThat(uri(uris, "token")).isEqualTo(realm + "/protocol/openid-connect/token");
        assertThat(uri(uris, "introspect")).isEqualTo(realm + "/protocol/openid-connect/token/introspect");
        assertThat(uri(uris, "revoke")).isEqualTo(realm + "/protocol/openid-connect/revoke");
        assertThat(uri(uris, "manage")).isEqualTo(realm + "/account/applications");
    }

    @Test
    void securityDescriptionStatesWhatEachScopeContextReaches() {
        String description = metadata().getRestFirstRep().getSecurity().getDescription();

        assertThat(description).contains(demo.keycloak().realmUrl(), "user/ scopes reach every matching resource",
                "patient/ scopes reach the compartment", "system/ scopes count only in a service account's token");
    }

    @Test
    void repeatedRequestsDoNotRepeatTheSecurityEntries() {
        metadata();
        CapabilityStatement again = metadata();

        assertThat(again.getRestFirstRep().getSecurity().getService()).hasSize(1);
        assertThat(again.getRestFirstRep().getSecurity().getExtensionsByUrl(OAUTH_URIS)).hasSize(1);
    }

    @Test
    void listsTheResourceTypesAndTheirSearchParameters() {
        List<CapabilityStatementRestResourceComponent> resources = metadata().getRestFirstRep().getResource();

        assertThat(resources).extracting(CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "Practitioner", "RelatedPerson", "Encounter", "Observation", "Condition");
        CapabilityStatementRestResourceComponent patient = resources.stream()
                .filter(resource -> resource.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getSearchParam().stream().map(param -> param.getName()).collect(Collectors.toList()))
                .contains("name", "family", "given", "birthdate", "identifier");
    }

    private static CapabilityStatement metadata() {
        HttpResponse<String> response = demo.http().get("metadata", "Accept", "application/fhir+json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        return FhirHttp.parse(response.body(), CapabilityStatement.class);
    }

    private static String uri(Extension oauthUris, String name) {
        return oauthUris.getExtensionString(name);
    }
}
