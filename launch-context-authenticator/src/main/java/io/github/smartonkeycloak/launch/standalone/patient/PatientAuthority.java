package io.github.smartonkeycloak.launch.standalone.patient;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.picker.LinkedPatients;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Who may act for which patient, by the patient picker's settings: clinicians (the picker's clinician role) for the
 * patients their EHR or search gives them, anyone else only for their linked records. The picker asks it at the
 * moment of choice and for EHR-supplied patients; the token endpoint asks it again at every refresh, so a record
 * removed from a user's links stops their tokens for it.
 */
public final class PatientAuthority {

    private PatientAuthority() {
    }

    public static boolean isClinician(RealmModel realm, UserModel user, PatientPickerConfig config) {
        RoleModel role = KeycloakModelUtils.getRoleFromString(realm, config.clinicianRole());
        return role != null && user.hasRole(role);
    }

    /** The same, with the settings of the picker in the realm's browser flow (defaults when it has none). */
    public static boolean isClinician(RealmModel realm, UserModel user) {
        return isClinician(realm, user, PatientPickerConfig.of(realmPickerSettings(realm).orElse(null)));
    }

    public static List<String> linkedPatients(UserModel user, PatientPickerConfig config) {
        return LinkedPatients.of(user.getFirstAttribute(FhirUser.NAME),
                user.getAttributeStream(config.patientIdsAttribute()).toList());
    }

    /**
     * Clinicians act for the patients in their context; anyone else only for their linked records. The linked records
     * are read first: two attributes, where the role check expands the user's role mappings (JFR showed it at every
     * refresh of a patient's token).
     */
    public static boolean mayActFor(RealmModel realm, UserModel user, PatientPickerConfig config, String patientId) {
        return linkedPatients(user, config).contains(patientId) || isClinician(realm, user, config);
    }

    /** The same, with the settings of the picker in the realm's browser flow (defaults when it has none). */
    public static boolean mayActFor(RealmModel realm, UserModel user, String patientId) {
        return mayActFor(realm, user, PatientPickerConfig.of(realmPickerSettings(realm).orElse(null)), patientId);
    }

    private static Optional<AuthenticatorConfigModel> realmPickerSettings(RealmModel realm) {
        if (realm.getBrowserFlow() == null) {
            return Optional.empty();
        }
        return find(realm, realm.getBrowserFlow().getId(), new HashSet<>());
    }

    private static Optional<AuthenticatorConfigModel> find(RealmModel realm, String flowId, Set<String> visited) {
        if (!visited.add(flowId)) {
            return Optional.empty();
        }
        for (AuthenticationExecutionModel execution : realm.getAuthenticationExecutionsStream(flowId).toList()) {
            if (execution.isAuthenticatorFlow()) {
                Optional<AuthenticatorConfigModel> inSubFlow = find(realm, execution.getFlowId(), visited);
                if (inSubFlow.isPresent()) {
                    return inSubFlow;
                }
            } else if (PatientPickerAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator())
                    && execution.getAuthenticatorConfig() != null) {
                return Optional.ofNullable(realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()));
            }
        }
        return Optional.empty();
    }
}
