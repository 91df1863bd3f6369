package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.smartonkeycloak.core.scope.GrantedScopes;
import io.github.smartonkeycloak.core.scope.Interaction;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The decisions for the stored types (Consent, AuditEvent), without HTTP: writes, compartment, narrowing. */
class StoredTypesDecisionTest {

    @Test
    void consentAndAuditEventBelongToThePatientTheyAreAbout() {
        assertThat(PatientCompartment.contains(consent("p1"), "p1")).isTrue();
        assertThat(PatientCompartment.contains(consent("p2"), "p1")).isFalse();
        assertThat(PatientCompartment.contains(new Consent(), "p1")).isFalse();

        AuditEvent aboutP1 = new AuditEvent();
        aboutP1.addEntity().setWhat(new Reference("Patient/p1"));
        AuditEvent byP1 = new AuditEvent();
        byP1.addAgent().setWho(new Reference("Patient/p1"));
        AuditEvent byAnApp = new AuditEvent();
        byAnApp.addAgent().setWho(new Reference().setIdentifier(new Identifier().setValue("p1")));
        assertThat(PatientCompartment.contains(aboutP1, "p1")).isTrue();
        assertThat(PatientCompartment.contains(byP1, "p1")).isTrue();
        assertThat(PatientCompartment.contains(aboutP1, "p2")).isFalse();
        assertThat(PatientCompartment.contains(byAnApp, "p1")).isFalse();
    }

    @Test
    void eachWriteNeedsItsOwnPermission() {
        String backend = "system/Consent.rs system/Consent.u system/AuditEvent.rs";
        assertThat(decide(backend, "Consent", Interaction.UPDATE, null, true).permitsNothing()).isFalse();
        assertThat(decide(backend, "Consent", Interaction.CREATE, null, true).permitsNothing()).isTrue();
        assertThat(decide(backend, "AuditEvent", Interaction.CREATE, null, true).permitsNothing()).isTrue();
        assertThat(decide(backend, "Consent", Interaction.UPDATE, null, true).forCreate().permitsNothing()).isTrue();

        String pack = "system/Consent.cru system/AuditEvent.c";
        assertThat(decide(pack, "Consent", Interaction.CREATE, null, true).allows(consent("p1"))).isTrue();
        assertThat(decide(pack, "Consent", Interaction.UPDATE, null, true).forCreate().permitsNothing()).isFalse();
        assertThat(decide(pack, "AuditEvent", Interaction.CREATE, null, true).permitsNothing()).isFalse();
        assertThat(decide(pack, "AuditEvent", Interaction.READ, null, true).permitsNothing()).isTrue();
    }

    @Test
    void systemWriteScopesCountOnlyForAServiceAccount() {
        AccessDecision user = decide("system/Consent.cru", "Consent", Interaction.CREATE, null, false);

        assertThat(user.permitsNothing()).isTrue();
        assertThat(user.refusedForSystemScopesOfAUser()).isTrue();
    }

    @Test
    void patientWritesStayInTheCompartment() {
        AccessDecision create = decide("patient/Consent.cru", "Consent", Interaction.CREATE, "p1", false);

        assertThat(create.allows(consent("p1"))).isTrue();
        assertThat(create.allows(consent("p2"))).isFalse();
        assertThat(decide("patient/Consent.cru", "Consent", Interaction.UPDATE, null, false).needsPatientInContext())
                .isTrue();
    }

    @Test
    void onlyPatientScopedSearchesAreNarrowedToThePatient() {
        assertThat(decide("patient/Consent.rs", "Consent", Interaction.SEARCH, "p1", false).onlyPatient())
                .contains("p1");
        assertThat(decide("patient/Consent.rs user/Consent.rs", "Consent", Interaction.SEARCH, "p1", false)
                .onlyPatient()).isEmpty();
        assertThat(decide("system/Consent.rs", "Consent", Interaction.SEARCH, null, true).onlyPatient()).isEmpty();
    }

    private static AccessDecision decide(String scope, String type, Interaction interaction, String patient,
            boolean serviceAccount) {
        return new AccessDecision(GrantedScopes.parse(scope), type, interaction, Map.of(), patient, serviceAccount);
    }

    private static Consent consent(String patient) {
        Consent consent = new Consent();
        consent.setPatient(new Reference("Patient/" + patient));
        return consent;
    }
}
