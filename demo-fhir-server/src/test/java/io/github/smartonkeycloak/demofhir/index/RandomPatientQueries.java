package io.github.smartonkeycloak.demofhir.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.QualifiedParamList;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.github.smartonkeycloak.demofhir.search.HumanNames;
import io.github.smartonkeycloak.demofhir.search.PatientQuery;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patient searches as clinicians and tools send them, drawn from the population's own values (and a few that match
 * nobody): name parts whole, cut short, in other cases or accented, with {@code :exact} and {@code :contains}; birth
 * dates at year, month and day precision with every prefix, one or two bounds; identifiers in every token form; ids.
 * Each query has one to three parameters.
 */
final class RandomPatientQueries {

    static final PatientQuery EMPTY = new PatientQuery(null, null, null, null, null, null);

    /** {@code ap} is left out: HAPI refuses it (HAPI-1925) before a provider sees the search. */
    private static final String[] DATE_PREFIXES = {"", "eq", "ne", "gt", "lt", "ge", "le", "sa", "eb"};

    private final Random random;
    private final List<Patient> patients;

    RandomPatientQueries(Random random, List<Patient> patients) {
        this.random = random;
        this.patients = patients;
    }

    PatientQuery next() {
        TokenOrListParam ids = null;
        StringParam name = null;
        StringParam family = null;
        StringParam given = null;
        DateRangeParam birthDate = null;
        TokenOrListParam identifier = null;
        int parameters = 1 + random.nextInt(3);
        for (int i = 0; i < parameters; i++) {
            Patient patient = somePatient();
            switch (random.nextInt(6)) {
                case 0 -> ids = ids();
                case 1 -> name = string(HumanNames.allParts(patient.getName()));
                case 2 -> family = string(HumanNames.families(patient.getName()));
                case 3 -> given = string(HumanNames.givens(patient.getName()));
                case 4 -> birthDate = birthDate(patient);
                default -> identifier = identifier(patient);
            }
        }
        return new PatientQuery(ids, name, family, given, birthDate, identifier);
    }

    static String describe(PatientQuery query) {
        return String.format(Locale.ROOT, "_id=%s name=%s family=%s given=%s birthdate=%s identifier=%s",
                tokens(query.ids()), string(query.name()), string(query.family()), string(query.given()),
                query.birthDate() == null ? null : query.birthDate().getValuesAsQueryTokens().stream()
                        .map(bound -> bound.getValueAsQueryToken(FhirContext.forR4Cached())).toList(),
                tokens(query.identifier()));
    }

    private Patient somePatient() {
        return patients.get(random.nextInt(patients.size()));
    }

    private TokenOrListParam ids() {
        TokenOrListParam ids = new TokenOrListParam();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            ids.add(new TokenParam(random.nextInt(5) == 0 ? "p" + random.nextInt(99_999) : somePatient().getIdPart()));
        }
        return ids;
    }

    private StringParam string(List<String> parts) {
        List<String> present = parts.stream().filter(part -> part != null).toList();
        String value = present.isEmpty() || random.nextInt(10) == 0 ? randomLetters()
                : present.get(random.nextInt(present.size()));
        StringParam param = new StringParam();
        switch (random.nextInt(8)) {
            case 0 -> param.setExact(true);
            case 1 -> {
                param.setContains(true);
                value = value.substring(random.nextInt(value.length()));
            }
            case 2 -> param.setExact(true).setValue(value.toLowerCase(Locale.ROOT));
            default -> value = value.substring(0, random.nextInt(value.length() + 1));
        }
        if (param.getValue() == null) {
            param.setValue(random.nextInt(6) == 0 ? value.toUpperCase(Locale.ROOT).replace('O', 'Ö') : value);
        }
        return param;
    }

    private String randomLetters() {
        StringBuilder letters = new StringBuilder();
        int length = 1 + random.nextInt(3);
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    private DateRangeParam birthDate(Patient patient) {
        String day = patient.hasBirthDateElement() ? patient.getBirthDateElement().getValueAsString()
                : String.format(Locale.ROOT, "%04d-%02d-%02d", 1930 + random.nextInt(95), 1 + random.nextInt(12),
                        1 + random.nextInt(28));
        List<QualifiedParamList> bounds = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            String value = day.substring(0, new int[] {4, 7, 10}[random.nextInt(3)]);
            if (i == 1) {
                // A second bound some years away, so that ranges are wide and narrow.
                value = String.valueOf(Integer.parseInt(value.substring(0, 4)) + random.nextInt(21) - 10);
            }
            bounds.add(QualifiedParamList.singleton(DATE_PREFIXES[random.nextInt(DATE_PREFIXES.length)] + value));
        }
        DateRangeParam range = new DateRangeParam();
        try {
            range.setValuesAsQueryTokens(FhirContext.forR4Cached(), "birthdate", bounds);
        } catch (InvalidRequestException e) {
            // HAPI refuses some pairs, as it would in a request: keep the first.
            range = new DateRangeParam();
            range.setValuesAsQueryTokens(FhirContext.forR4Cached(), "birthdate", bounds.subList(0, 1));
        }
        return range;
    }

    private TokenOrListParam identifier(Patient patient) {
        TokenOrListParam tokens = new TokenOrListParam();
        int count = random.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < count; i++) {
            Identifier id = patient.getIdentifier().isEmpty() ? new Identifier().setSystem("urn:none").setValue("x")
                    : patient.getIdentifier().get(random.nextInt(patient.getIdentifier().size()));
            String system = id.getSystem();
            String value = id.getValue();
            switch (random.nextInt(6)) {
                case 0 -> tokens.add(new TokenParam(null, value));
                case 1 -> tokens.add(new TokenParam(system, null));
                case 2 -> tokens.add(new TokenParam("", value));
                case 3 -> tokens.add(new TokenParam(system, value + "0"));
                case 4 -> tokens.add(new TokenParam(null, null));
                default -> tokens.add(new TokenParam(system, value));
            }
            patient = somePatient();
        }
        return tokens;
    }

    private static String string(StringParam param) {
        return param == null ? null
                : (param.isExact() ? ":exact " : param.isContains() ? ":contains " : "") + param.getValue();
    }

    private static List<String> tokens(TokenOrListParam tokens) {
        return tokens == null ? null : tokens.getValuesAsQueryTokens().stream()
                .map(token -> token.getSystem() + "|" + token.getValue()).toList();
    }
}
