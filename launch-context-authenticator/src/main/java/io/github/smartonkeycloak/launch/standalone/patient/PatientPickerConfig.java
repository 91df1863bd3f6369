package io.github.smartonkeycloak.launch.standalone.patient;

import java.util.List;

import io.github.smartonkeycloak.launch.flow.StepSettings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Settings of the patient picker step (its authenticator config in the flow); every one has a default. */
public final class PatientPickerConfig {

    public static final String CLINICIAN_ROLE = "clinicianRole";
    public static final String SEARCH_FILTER = "searchFilter";
    public static final String PATIENT_IDS_ATTRIBUTE = "patientIdsAttribute";
    public static final String AUTO_SELECT_SINGLE = "autoSelectSingle";
    public static final String PAGE_SIZE = "pageSize";

    static final String DEFAULT_CLINICIAN_ROLE = "clinician";
    static final String DEFAULT_PATIENT_IDS_ATTRIBUTE = "patientIds";
    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 50;

    private final StepSettings settings;

    private PatientPickerConfig(StepSettings settings) {
        this.settings = settings;
    }

    public static PatientPickerConfig of(AuthenticatorConfigModel model) {
        return new PatientPickerConfig(StepSettings.of(model));
    }

    /** Realm role (or {@code client-id.role}) that makes a user a clinician, who searches all patients. */
    public String clinicianRole() {
        return settings.text(CLINICIAN_ROLE, DEFAULT_CLINICIAN_ROLE);
    }

    /** Extra FHIR search parameters for clinicians' searches, e.g. {@code general-practitioner={fhirUser}}. */
    public String searchFilter() {
        return settings.text(SEARCH_FILTER, "");
    }

    /** User attribute listing the Patient ids a patient user may act for besides their own. */
    public String patientIdsAttribute() {
        return settings.text(PATIENT_IDS_ATTRIBUTE, DEFAULT_PATIENT_IDS_ATTRIBUTE);
    }

    public boolean autoSelectSingle() {
        return settings.flag(AUTO_SELECT_SINGLE, true);
    }

    public int pageSize() {
        return settings.count(PAGE_SIZE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }
    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLINICIAN_ROLE).label("Clinician role")
                .helpText("Users with this role (realm role, or client-id.role) search the FHIR server for any patient; "
                        + "other users choose among the records linked to them.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_CLINICIAN_ROLE).add()
                .property().name(SEARCH_FILTER).label("Clinician search filter")
                .helpText("Optional FHIR search parameters added to every clinician search and to the check of the "
                        + "chosen patient, e.g. general-practitioner={fhirUser}. {fhirUser} is the user's fhirUser.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("").add()
                .property().name(PATIENT_IDS_ATTRIBUTE).label("Patient ids attribute")
                .helpText("User attribute with the Patient ids a patient user may act for (as a proxy), besides the "
                        + "Patient in their fhirUser.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_PATIENT_IDS_ATTRIBUTE).add()
                .property().name(AUTO_SELECT_SINGLE).label("Choose a single record without asking")
                .helpText("When a patient user has exactly one record, put it in context without showing the picker.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PAGE_SIZE).label("Patients per page")
                .helpText("How many patients a search page shows (1 to " + MAX_PAGE_SIZE + ").")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_PAGE_SIZE)).add()
                .build();
    }
}
