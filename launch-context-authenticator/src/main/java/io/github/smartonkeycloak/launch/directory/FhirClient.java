package io.github.smartonkeycloak.launch.directory;

import io.github.smartonkeycloak.core.fhir.EncounterSummary;
import io.github.smartonkeycloak.core.fhir.FhirBundles;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.fhir.PatientPage;
import io.github.smartonkeycloak.core.fhir.PatientSummary;
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
import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.core.picker.FhirIds;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Reads patients and encounters from the realm's FHIR server for one login page, with Keycloak's HTTP client and a
 * service token issued in-process ({@link FhirServiceToken}). All the calls of a page share one deadline
 * ({@link #PAGE_DEADLINE}); tokens go only to an https base (plain http on loopback only). Ids are what the pack
 * keeps; names are shown and never logged. It also adds up the time spent waiting for the FHIR server, which the
 * pages report in a {@code Server-Timing} header.
 */
public final class FhirClient {

    /** All the FHIR calls of one page end by then, answered or not. */
    public static final Duration PAGE_DEADLINE = Duration.ofSeconds(8);
    /** Pages are reached by following the server's next links, one call each; a request follows at most this many. */
    static final int MAX_PAGE = 10;

    private static final Logger LOG = Logger.getLogger(FhirClient.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SmartRealmSettings config;
    private final FhirHttp http;
    private String token;
    private long waitedNanos;

    public FhirClient(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.config = SmartRealmSettings.of(realm.getAttributes());
        this.http = new FhirHttp(session.getProvider(HttpClientProvider.class).getHttpClient(), PAGE_DEADLINE);
    }

    /** Patients whose name starts with the text (all patients, the first page, when blank). */
    public List<PatientSummary> searchPatients(String name, int count) {
        List<Map.Entry<String, String>> parameters = name == null || name.isBlank()
                ? List.of() : List.of(Map.entry("name", name.trim()));
        return searchPatients(parameters, 0, count).patients();
    }

    /** A page (0 is the first; at most {@link #MAX_PAGE}) of the patients matching all the search parameters. */
    public PatientPage searchPatients(List<Map.Entry<String, String>> parameters, int page, int pageSize) {
        int wanted = Math.min(page, MAX_PAGE);
        JsonNode bundle = get(url("Patient", parameters, pageSize));
        for (int current = 0; current < wanted && bundle != null; current++) {
            bundle = nextLink(bundle).map(this::get).orElse(null);
        }
        if (bundle == null) {
            return new PatientPage(List.of(), false);
        }
        return new PatientPage(FhirBundles.entries(bundle, "Patient", FhirBundles::patient),
                wanted < MAX_PAGE && nextLink(bundle).isPresent());
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

    /**
     * The patient with this id; empty if the id is not a FHIR id (nothing is sent) or the server has no such patient.
     * An answer that is not that Patient is the server's fault: {@link FhirUnavailableException}.
     */
    public Optional<PatientSummary> readPatient(String id) {
        if (!FhirIds.isValid(id)) {
            return Optional.empty();
        }
        FhirHttp.Answer answer = call(base() + "/Patient/" + id);
        if (answer.status() == 404 || answer.status() == 410) {
            return Optional.empty();
        }
        return Optional.of(FhirBundles.patient(json(answer), id));
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

    /** The realm's first FHIR base URL, if the pack may send a token there. */
    private String base() {
        String base = config.fhirBaseUrls().primary();
        if (base == null) {
            throw new FhirUnavailableException("the realm has no FHIR base URL (realm attribute " + SmartRealmSettings.FHIR_BASE_URLS + ")");
        }
        if (!FhirBaseUrls.isSecure(base)) {
            LOG.warnf("Realm '%s': the login pages do not call FHIR base URL %s (realm attribute %s): %s",
                    realm.getName(), base, SmartRealmSettings.FHIR_BASE_URLS, FhirBaseUrls.HTTPS_REQUIRED);
            throw new FhirUnavailableException("the realm's FHIR base URL is refused: " + FhirBaseUrls.HTTPS_REQUIRED);
        }
        return base;
    }

    private JsonNode get(String url) {
        return json(call(url));
    }

    private FhirHttp.Answer call(String url) {
        long started = System.nanoTime();
        try {
            if (token == null) {
                token = FhirServiceToken.issue(session, realm, config.fhirServiceClient());
            }
            return http.get(url, token);
        } finally {
            waitedNanos += System.nanoTime() - started;
        }
    }

    private static JsonNode json(FhirHttp.Answer answer) {
        if (answer.status() != 200) {
            throw new FhirUnavailableException("the FHIR server answered HTTP " + answer.status());
        }
        return answer.json();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
