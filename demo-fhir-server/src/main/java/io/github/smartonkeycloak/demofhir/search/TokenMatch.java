package io.github.smartonkeycloak.demofhir.search;

import java.util.Collection;
import java.util.List;

import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;

/** FHIR token search ({@code code}, {@code system|code}, {@code system|}) over codings, identifiers and ids. */
public final class TokenMatch {

    private TokenMatch() {
    }

    /** True when no parameter was given, or when any of its alternatives matches a coding of any concept. */
    public static boolean anyConcept(TokenOrListParam tokens, Collection<CodeableConcept> concepts) {
        if (tokens == null) {
            return true;
        }
        for (TokenParam token : tokens.getValuesAsQueryTokens()) {
            for (CodeableConcept concept : concepts) {
                for (Coding coding : concept.getCoding()) {
                    if (matches(token, coding.getSystem(), coding.getCode())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public static boolean anyConcept(TokenOrListParam tokens, CodeableConcept concept) {
        return anyConcept(tokens, List.of(concept));
    }

    public static boolean anyIdentifier(TokenOrListParam tokens, Collection<Identifier> identifiers) {
        if (tokens == null) {
            return true;
        }
        for (TokenParam token : tokens.getValuesAsQueryTokens()) {
            for (Identifier identifier : identifiers) {
                if (matches(token, identifier.getSystem(), identifier.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code _id}: the token's value is the logical id. */
    public static boolean id(TokenOrListParam ids, String id) {
        if (ids == null) {
            return true;
        }
        for (TokenParam token : ids.getValuesAsQueryTokens()) {
            rejectModifier(token);
            if (id.equals(token.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(TokenParam token, String system, String code) {
        rejectModifier(token);
        String wantedSystem = token.getSystem();
        String wantedCode = token.getValue();
        boolean systemMatches = wantedSystem == null || wantedSystem.isEmpty() || wantedSystem.equals(system);
        boolean codeMatches = wantedCode == null || wantedCode.isEmpty() || wantedCode.equals(code);
        return systemMatches && codeMatches;
    }

    private static void rejectModifier(TokenParam token) {
        if (token.getModifier() != null) {
            throw new InvalidRequestException("Token modifier " + token.getModifier().getValue() + " is not supported");
        }
    }
}
