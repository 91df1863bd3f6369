package io.github.smartonkeycloak.fhir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * and never logged. It also adds up the time spent waiting for the FHIR server, which the pages report in a
 * {@code Server-Timing} header.
 */
public final class FhirClient {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final long MAX_RESPONSE_BYTES = 2_000_000;
    /** Pages are reached by following the server's next links; this bounds how many one request follows. */
    private static final int MAX_PAGE = 50;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SmartLaunchConfig config;
    private final SimpleHttp http;
    private long waitedNanos;

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
        List<Map.Entry<String, String>> parameters = name == null || name.isBlank()
                ? List.of() : List.of(Map.entry("name", name.trim()));
        return searchPatients(parameters, 0, count).patients();
    }

    /** A page (0 is the first) of the patients matching all the search parameters. */
    public PatientPage searchPatients(List<Map.Entry<String, String>> parameters, int page, int pageSize) {
        JsonNode bundle = get(url("Patient", parameters, pageSize));
        for (int current = 0; current < Math.min(page, MAX_PAGE) && bundle != null; current++) {
            bundle = nextLink(bundle).map(this::get).orElse(null);
        }
        if (bundle == null) {
            return new PatientPage(List.of(), false);
        }
        return new PatientPage(FhirBundles.entries(bundle, "Patient", FhirBundles::patient),
                page < MAX_PAGE && nextLink(bundle).isPresent());
    }

    /** The patients with these ids that exist and match the extra parameters, in the order of the ids. */
    public List<PatientSummary> patients(Collection<String> ids, List<Map.Entry<String, String>> extraParameters) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("_id", String.join(",", ids)));
        parameters.addAll(extraParameters);
        List<PatientSummary> found = FhirBundles.entries(get(url("Patient", parameters, ids.size())), "Patient",
                FhirBundles::patient);
        List<String> order = List.copyOf(ids);
        return found.stream()
                .filter(patient -> order.contains(patient.id()))
                .sorted(Comparator.comparingInt(patient -> order.indexOf(patient.id())))
                .toList();
    }

    public Optional<PatientSummary> readPatient(String id) {
        JsonNode patient = get(base() + "/Patient/" + encode(id), true);
        return patient == null ? Optional.empty() : Optional.of(FhirBundles.patient(patient));
    }

    /** The patient's encounters, newest first. */
    public List<EncounterSummary> encounters(String patientId, int count) {
        List<Map.Entry<String, String>> parameters = List.of(Map.entry("patient", patientId), Map.entry("_sort", "-date"));
        List<EncounterSummary> encounters = new ArrayList<>(FhirBundles.entries(get(url("Encounter", parameters, count)),
                "Encounter", FhirBundles::encounter));
        // Servers may ignore _sort; ISO dates sort as text, and encounters without a start go last.
        encounters.sort(Comparator.comparing(EncounterSummary::start, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .reversed());
        return encounters;
    }

    /** Time spent waiting for the FHIR server (and for the service token) by this client so far. */
    public Duration timeWaited() {
        return Duration.ofNanos(waitedNanos);
    }

    private String url(String resourceType, List<Map.Entry<String, String>> parameters, int count) {
        StringBuilder url = new StringBuilder(base()).append('/').append(resourceType).append('?');
        for (Map.Entry<String, String> parameter : parameters) {
            url.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue())).append('&');
        }
        return url.append("_count=").append(count).toString();
    }

    /** The bundle's next link, if it points at the same FHIR server (never follow a link elsewhere). */
    private Optional<String> nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                String next = link.path("url").asText("");
                String base = base();
                return next.startsWith(base + "?") || next.startsWith(base + "/") ? Optional.of(next) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private String base() {
        String base = config.fhirBaseUrls().primary();
        if (base == null) {
            throw new FhirUnavailableException("the realm has no FHIR base URL (realm attribute " + SmartLaunchConfig.FHIR_BASE_URLS + ")");
        }
        return base;
    }

    private JsonNode get(String url) {
        return get(url, false);
    }

    private JsonNode get(String url, boolean notFoundIsEmpty) {
        long started = System.nanoTime();
        try {
            try (SimpleHttpResponse response = send(url)) {
                if (response.getStatus() != 401) {
                    return read(response, notFoundIsEmpty);
                }
            }
            // The cached service token may have been revoked or signed with a rotated key: once more with a new one.
            FhirServiceToken.forget(realm, config.fhirServiceClient());
            try (SimpleHttpResponse response = send(url)) {
                return read(response, notFoundIsEmpty);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FhirUnavailableException unavailable) {
                throw unavailable;
            }
            throw new FhirUnavailableException("the FHIR server did not answer in time or sent something that is not JSON", e);
        } finally {
            waitedNanos += System.nanoTime() - started;
        }
    }

    private SimpleHttpResponse send(String url) throws IOException {
        String token = FhirServiceToken.get(session, http, realm, config.fhirServiceClient(), "system/*.rs");
        return http.doGet(url).auth(token).header("Accept", "application/fhir+json").asResponse();
    }

    private static JsonNode read(SimpleHttpResponse response, boolean notFoundIsEmpty) throws IOException {
        int status = response.getStatus();
        if (status == 404 && notFoundIsEmpty) {
            return null;
        }
        if (status != 200) {
            throw new FhirUnavailableException("the FHIR server answered HTTP " + status);
        }
        return response.asJson();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
