package io.github.smartonkeycloak.demofhir.search;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

import ca.uhn.fhir.rest.param.StringParam;

/**
 * FHIR string search: by default a case- and accent-insensitive prefix match; {@code :exact} and {@code :contains}
 * as the specification defines them.
 */
public final class StringMatch {

    private StringMatch() {
    }

    /** True when no parameter was given, or when any candidate matches it. */
    public static boolean any(StringParam param, Collection<String> candidates) {
        if (param == null) {
            return true;
        }
        String wanted = param.getValue();
        for (String candidate : candidates) {
            if (candidate != null && matches(param, wanted, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(StringParam param, String wanted, String candidate) {
        if (param.isExact()) {
            return candidate.equals(wanted);
        }
        String normalizedCandidate = normalize(candidate);
        String normalizedWanted = normalize(wanted);
        return param.isContains()
                ? normalizedCandidate.contains(normalizedWanted)
                : normalizedCandidate.startsWith(normalizedWanted);
    }

    /** What the default and {@code :contains} searches compare: no accents, lower case. */
    public static String normalize(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
