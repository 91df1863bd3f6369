package io.github.smartonkeycloak.launch.standalone.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** Linked records first (no role lookup for them), then the clinician role; nobody else acts for a patient. */
class PatientAuthorityTest {

    private final PatientPickerConfig defaults = PatientPickerConfig.of(null);
    private final RealmModel realm = mock(RealmModel.class);
    private final RoleModel clinician = mock(RoleModel.class);

    @Test
    void aPatientActsForTheirOwnAndLinkedRecordsWithoutARoleLookup() {
        UserModel patient = user("Patient/amy-shaw", "ben-shaw");

        assertThat(PatientAuthority.mayActFor(realm, patient, defaults, "amy-shaw")).isTrue();
        assertThat(PatientAuthority.mayActFor(realm, patient, defaults, "ben-shaw")).isTrue();
        verify(realm, never()).getRole(anyString());
        verify(patient, never()).hasRole(clinician);
    }

    @Test
    void aClinicianActsForAnyPatientAndAnyoneElseForNone() {
        given(realm.getRole(defaults.clinicianRole())).willReturn(clinician);
        UserModel doctor = user("Practitioner/dr-jones");
        given(doctor.hasRole(clinician)).willReturn(true);
        UserModel patient = user("Patient/amy-shaw");

        assertThat(PatientAuthority.mayActFor(realm, doctor, defaults, "carl-diaz")).isTrue();
        assertThat(PatientAuthority.mayActFor(realm, patient, defaults, "carl-diaz")).isFalse();
    }

    private UserModel user(String fhirUser, String... linked) {
        UserModel user = mock(UserModel.class);
        given(user.getFirstAttribute("fhirUser")).willReturn(fhirUser);
        given(user.getAttributeStream(defaults.patientIdsAttribute())).willAnswer(call -> Stream.of(linked));
        return user;
    }
}
