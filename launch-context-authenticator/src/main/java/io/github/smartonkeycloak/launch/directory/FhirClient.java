package io.github.smartonkeycloak.launch.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.core.fhir.EncounterSummary;
import io.github.smartonkeycloak.core.fhir.FhirBundles;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.fhir.PatientPage;
import io.github.smartonkeycloak.core.fhir.PatientSummary;
import io.github.smartonkeycloak.core.picker.FhirIds;

/**
 * The patient directory on the realm's FHIR server, for one page: Keycloak's HTTP client ({@link FhirHttp}), the
 * URLs it may call ({@link FhirUrls}) and a service token issued on first use ({@link FhirServiceToken}). All the
 * calls of a page share one deadline ({@link #PAGE_DEADLINE}). Ids are what the pack keeps; names are shown and
 * never logged. It adds up the time spent waiting for the FHIR server (and the token), which the pages report in a
 * {@code Server-Timing} header.
 */
final class FhirClient implements PatientDirectoryProvider {

    /** All the FHIR calls of one page end by then, answered or not. */
    static final Duration PAGE_DEADLINE = Duration.ofSeconds(8);
    /** Pages are reached by following the server's next links, one call each; a request follows at most this many. */
    static final int MAX_PAGE = 10;

    private final FhirUrls urls;
    private final FhirHttp http;
    private final Supplier<String> tokens;
    private String token;
    private long waitedNanos;

    /** {@code base}: the realm's first FHIR base URL (null if none); {@code tokens} issues the service token. */
    FhirClient(String realmName, String base, FhirHttp http, Supplier<String> tokens) {
        this.urls = new FhirUrls(realmName, base);
        this.http = http;
        this.tokens = tokens;
    }

    /** A page (0 is the first; at most {@link #MAX_PAGE}) of the patients matching all the search parameters. */
    @Override
    public PatientPage searchPatients(List<Map.Entry<String, String>> parameters, int page, int pageSize) {
        int wanted = Math.min(page, MAX_PAGE);
        JsonNode bundle = get(urls.search("Patient", parameters, pageSize));
        for (int current = 0; current < wanted && bundle != null; current++) {
            bundle = urls.next(bundle).map(this::get).orElse(null);
        }
        if (bundle == null) {
            return new PatientPage(List.of(), false);
        }
        return new PatientPage(FhirBundles.entries(bundle, "Patient", FhirBundles::patient),
                wanted < MAX_PAGE && urls.next(bundle).isPresent());
    }

    @Override
    public List<PatientSummary> patients(Collection<String> ids, List<Map.Entry<String, String>> extraParameters) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("_id", String.join(",", ids)));
        parameters.addAll(extraParameters);
        List<PatientSummary> found = FhirBundles.entries(get(urls.search("Patient", parameters, ids.size())), "Patient",
                FhirBundles::patient);
        List<String> order = List.copyOf(ids);
        return found.stream()
                .filter(patient -> order.contains(patient.id()))
                .sorted(Comparator.comparingInt(patient -> order.indexOf(patient.id())))
                .toList();
    }

    /**
     * Empty if the id is not a FHIR id (nothing is sent) or the server has no such patient. An answer that is not that
     * Patient is the server's fault: {@link FhirUnavailableException}.
     */
    @Override
    public Optional<PatientSummary> readPatient(String id) {
        if (!FhirIds.isValid(id)) {
            return Optional.empty();
        }
        FhirHttp.Answer answer = call(urls.read("Patient", id));
        if (answer.status() == 404 || answer.status() == 410) {
            return Optional.empty();
        }
        return Optional.of(FhirBundles.patient(json(answer), id));
    }

    @Override
    public List<EncounterSummary> encounters(String patientId, int count) {
        List<Map.Entry<String, String>> parameters = List.of(Map.entry("patient", patientId), Map.entry("_sort", "-date"));
        List<EncounterSummary> encounters = new ArrayList<>(FhirBundles.entries(
                get(urls.search("Encounter", parameters, count)), "Encounter", FhirBundles::encounter));
        // Servers may ignore _sort; ISO dates sort as text, and encounters without a start go last.
        encounters.sort(Comparator.comparing(EncounterSummary::start, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .reversed());
        return encounters;
    }

    @Override
    public Duration timeWaited() {
        return Duration.ofNanos(waitedNanos);
    }

    private JsonNode get(String url) {
        return json(call(url));
    }

    private FhirHttp.Answer call(String url) {
        long started = System.nanoTime();
        try {
            if (token == null) {
                token = tokens.get();
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
}
