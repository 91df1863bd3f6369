package io.github.smartonkeycloak.core.consent;

import java.util.List;

/**
 * What a user decided on the consent page (or decided earlier, when remembered).
 *
 * @param allowed the scopes to grant, none covered by another one
 * @param declined the offered scopes that are not granted, not even through another allowed scope
 */
public record ConsentChoice(List<String> allowed, List<String> declined) {

    public ConsentChoice {
        allowed = List.copyOf(allowed);
        declined = List.copyOf(declined);
    }
}
