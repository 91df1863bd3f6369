package io.github.smartonkeycloak.demofhir.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.search.DateMatch;
import io.github.smartonkeycloak.demofhir.search.HumanNames;
import io.github.smartonkeycloak.demofhir.search.PatientQuery;
import io.github.smartonkeycloak.demofhir.search.StringMatch;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes of the patients for what the patient picker and the demo search: name, family and given (prefix, exact,
 * contains), birth date (any prefix and precision), identifier and {@code _id}, and the list of all, in id order.
 * It gives exactly the answer of {@link io.github.smartonkeycloak.demofhir.search.PatientScan} (same patients, same
 * order, same total) without looking at every patient; patients are numbered by their position in id order, and each
 * parameter gives the set of positions it matches. Built once at start; the population never changes.
 */
public final class PatientIndex {

    private static final Logger LOG = LoggerFactory.getLogger(PatientIndex.class);

    private final ResourceStore<Patient> store;
    private final String[] sortedIds;
    private final TermIndex names;
    private final TermIndex families;
    private final TermIndex givens;
    private final TermIndex exactNames;
    private final TermIndex exactFamilies;
    private final TermIndex exactGivens;
    private final TermIndex identifiers;
    private final BitSet withIdentifier;
    private final BirthDateIndex birthDates;

    private PatientIndex(ResourceStore<Patient> store, Builder builder) {
        this.store = store;
        this.sortedIds = builder.sortedIds;
        this.names = builder.names.build();
        this.families = builder.families.build();
        this.givens = builder.givens.build();
        this.exactNames = builder.exactNames.build();
        this.exactFamilies = builder.exactFamilies.build();
        this.exactGivens = builder.exactGivens.build();
        this.identifiers = builder.identifiers.build();
        this.withIdentifier = builder.withIdentifier;
        this.birthDates = new BirthDateIndex(Arrays.copyOf(builder.birthDays, builder.born),
                Arrays.copyOf(builder.bornPositions, builder.born));
    }

    public static PatientIndex of(ResourceStore<Patient> store) {
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>(store.size());
        store.forEachStored(patient -> ids.add(patient.getIdElement().getIdPart()));
        Builder builder = new Builder(ids.stream().sorted().toArray(String[]::new));
        store.forEachStored(builder::add);
        PatientIndex index = new PatientIndex(store, builder);
        LOG.info("Indexed {} patients ({} ms)", ids.size(), (System.nanoTime() - started) / 1_000_000);
        return index;
    }

    /**
     * The search's answer as HAPI pages it, or empty for what the index does not cover (a modifier on a token
     * parameter, which the scan answers, or refuses, as before). Access: a search's {@link AccessDecision} depends on
     * the patient only through the compartment, so with only {@code patient/} scopes it keeps the patient in context,
     * and otherwise it is the same for every patient; each patient served is checked again.
     */
    public Optional<IBundleProvider> search(PatientQuery query, AccessDecision access) {
        if (!covers(query)) {
            return Optional.empty();
        }
        BitSet hits = null;
        hits = and(hits, ids(query.ids()));
        hits = and(hits, strings(query.name(), names, exactNames));
        hits = and(hits, strings(query.family(), families, exactFamilies));
        hits = and(hits, strings(query.given(), givens, exactGivens));
        hits = and(hits, query.birthDate() == null ? null
                : birthDates.matching(DateMatch.of(query.birthDate()), sortedIds.length));
        hits = and(hits, identifiers(query.identifier()));
        Optional<String> onlyPatient = access.onlyPatient();
        if (onlyPatient.isPresent()) {
            hits = and(hits, positionsOf(List.of(onlyPatient.get())));
        }
        int[] positions = hits == null ? null : hits.stream().toArray();
        IndexedPatients patients = new IndexedPatients(store, sortedIds, positions, access);
        boolean allowed = patients.isEmpty() || access.allows(store.read(sortedIds[positions == null ? 0 : positions[0]])
                .orElseThrow());
        return Optional.of(IndexedPatients.bundle(allowed ? patients : List.of()));
    }

    private static boolean covers(PatientQuery query) {
        return plainTokens(query.ids()) && plainTokens(query.identifier()) && hasValue(query.name())
                && hasValue(query.family()) && hasValue(query.given());
    }

    private static boolean plainTokens(TokenOrListParam tokens) {
        return tokens == null || tokens.getValuesAsQueryTokens().stream().allMatch(token -> token.getModifier() == null);
    }

    private static boolean hasValue(StringParam param) {
        return param == null || param.getValue() != null;
    }

    private static BitSet and(BitSet hits, BitSet more) {
        if (hits == null) {
            return more;
        }
        if (more != null) {
            hits.and(more);
        }
        return hits;
    }

    /** As {@link StringMatch#any}: exact compares the text as it is, the others the normalized text. */
    private BitSet strings(StringParam param, TermIndex normalized, TermIndex exact) {
        if (param == null) {
            return null;
        }
        BitSet found = new BitSet(sortedIds.length);
        if (param.isExact()) {
            TermIndex.set(exact.exact(param.getValue()), found);
            return found;
        }
        String wanted = StringMatch.normalize(param.getValue());
        if (param.isContains()) {
            normalized.matching(term -> term.contains(wanted), found);
        } else {
            normalized.startingWith(wanted, found);
        }
        return found;
    }

    private BitSet ids(TokenOrListParam ids) {
        if (ids == null) {
            return null;
        }
        List<String> wanted = new ArrayList<>();
        for (TokenParam token : ids.getValuesAsQueryTokens()) {
            wanted.add(token.getValue());
        }
        return positionsOf(wanted);
    }

    private BitSet positionsOf(List<String> ids) {
        BitSet found = new BitSet(sortedIds.length);
        for (String id : ids) {
            int at = id == null ? -1 : Arrays.binarySearch(sortedIds, id);
            if (at >= 0) {
                found.set(at);
            }
        }
        return found;
    }

    /** As {@link io.github.smartonkeycloak.demofhir.search.TokenMatch#anyIdentifier}: an empty system or value matches any. */
    private BitSet identifiers(TokenOrListParam tokens) {
        if (tokens == null) {
            return null;
        }
        BitSet found = new BitSet(sortedIds.length);
        for (TokenParam token : tokens.getValuesAsQueryTokens()) {
            boolean anySystem = token.getSystem() == null || token.getSystem().isEmpty();
            boolean anyValue = token.getValue() == null || token.getValue().isEmpty();
            if (anySystem && anyValue) {
                found.or(withIdentifier);
            } else {
                TermIndex.set(identifiers.exact(identifierTerm(anySystem ? null : token.getSystem(),
                        anyValue ? null : token.getValue())), found);
            }
        }
        return found;
    }

    /** One term per way of asking: by system and value, by value alone, by system alone. */
    private static String identifierTerm(String system, String value) {
        return (system == null ? "" : "s" + system.length() + ":" + system) + "|" + (value == null ? "" : value);
    }

    /** Collects the terms of every patient, by its position in id order. */
    private static final class Builder {

        private final String[] sortedIds;
        private final TermIndex.Builder names = new TermIndex.Builder();
        private final TermIndex.Builder families = new TermIndex.Builder();
        private final TermIndex.Builder givens = new TermIndex.Builder();
        private final TermIndex.Builder exactNames = new TermIndex.Builder();
        private final TermIndex.Builder exactFamilies = new TermIndex.Builder();
        private final TermIndex.Builder exactGivens = new TermIndex.Builder();
        private final TermIndex.Builder identifiers = new TermIndex.Builder();
        private final BitSet withIdentifier;
        private final long[] birthDays;
        private final int[] bornPositions;
        private int born;

        Builder(String[] sortedIds) {
            this.sortedIds = sortedIds;
            this.withIdentifier = new BitSet(sortedIds.length);
            this.birthDays = new long[sortedIds.length];
            this.bornPositions = new int[sortedIds.length];
        }

        void add(Patient patient) {
            int position = Arrays.binarySearch(sortedIds, patient.getIdElement().getIdPart());
            addAll(names, exactNames, HumanNames.allParts(patient.getName()), position);
            addAll(families, exactFamilies, HumanNames.families(patient.getName()), position);
            addAll(givens, exactGivens, HumanNames.givens(patient.getName()), position);
            for (Identifier identifier : patient.getIdentifier()) {
                withIdentifier.set(position);
                String system = identifier.getSystem();
                String value = identifier.getValue();
                if (system != null && value != null) {
                    identifiers.add(identifierTerm(system, value), position);
                }
                if (system != null) {
                    identifiers.add(identifierTerm(system, null), position);
                }
                if (value != null) {
                    identifiers.add(identifierTerm(null, value), position);
                }
            }
            if (patient.hasBirthDateElement()) {
                birthDays[born] = LocalDate.parse(patient.getBirthDateElement().getValueAsString()).toEpochDay();
                bornPositions[born++] = position;
            }
        }

        private static void addAll(TermIndex.Builder normalized, TermIndex.Builder exact, List<String> parts,
                int position) {
            for (String part : parts) {
                if (part != null) {
                    normalized.add(StringMatch.normalize(part), position);
                    exact.add(part, position);
                }
            }
        }
    }
}
