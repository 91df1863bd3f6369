package io.github.smartonkeycloak.fhir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.launch.SmartLaunchConfig;
import org.apache.http.client.config.RequestConfig;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Reads patients and encounters from the realm's FHIR server for the login pages, with Keycloak's HTTP client, a
 * service credential ({@link FhirServiceToken}) and short timeouts. Ids are what the pack keeps; names are shown
 * and never logged.
 */
public final class FhirClient {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final long MAX_RESPONSE_BYTES = 2_000_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SmartLaunchConfig config;
    private final SimpleHttp http;

    public FhirClient(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.config = SmartLaunchConfig.of(realm.getAttributes());
        this.http = SimpleHttp.create(session)
                .withRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                        .setConnectionRequestTimeout(CONNECT_TIMEOUT_MILLIS)
                        .setSocketTimeout(READ_TIMEOUT_MILLIS)
                        .build())
                .withMaxConsumedResponseSize(MAX_RESPONSE_BYTES);
    }

    /** Patients whose name starts with the text (all patients, the first page, when blank). */
    public List<PatientSummary> searchPatients(String name, int count) {
        String query = "_count=" + count + (name == null || name.isBlank() ? "" : "&name=" + encode(name.trim()));
        return FhirBundles.entries(get("Patient?" + query), "Patient", FhirBundles::patient);
    }

    public Optional<PatientSummary> readPatient(String id) {
        JsonNode patient = get("Patient/" + encode(id), true);
        return patient == null ? Optional.empty() : Optional.of(FhirBundles.patient(patient));
    }

    /** The patient's encounters, newest first. */
    public List<EncounterSummary> encounters(String patientId, int count) {
        return FhirBundles.entries(get("Encounter?patient=" + encode(patientId) + "&_count=" + count), "Encounter",
                FhirBundles::encounter);
    }

    private JsonNode get(String path) {
        return get(path, false);
    }

    private JsonNode get(String path, boolean notFoundIsEmpty) {
        String base = config.fhirBaseUrls().primary();
        if (base == null) {
            throw new FhirUnavailableException("the realm has no FHIR base URL (realm attribute " + SmartLaunchConfig.FHIR_BASE_URLS + ")");
        }
        String token = FhirServiceToken.get(session, http, realm, config.fhirServiceClient(), "system/*.rs");
        try (SimpleHttpResponse response = http.doGet(base + "/" + path).auth(token)
                .header("Accept", "application/fhir+json").asResponse()) {
            int status = response.getStatus();
            if (status == 401) {
                FhirServiceToken.forget(realm, config.fhirServiceClient());
            }
            if (status == 404 && notFoundIsEmpty) {
                return null;
            }
            if (status != 200) {
                throw new FhirUnavailableException("the FHIR server answered HTTP " + status);
            }
            return response.asJson();
        } catch (IOException e) {
            throw new FhirUnavailableException("the FHIR server did not answer in time or sent something that is not JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
