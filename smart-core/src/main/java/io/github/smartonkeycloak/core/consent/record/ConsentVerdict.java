package io.github.smartonkeycloak.core.consent.record;

import java.util.Objects;

/**
 * A {@link ConsentJudge} decision.
 *
 * @param kind what the records say
 * @param recordId the id of the Consent that decided, or null (none, or a record without id)
 * @param reason why, for events and logs: ids and codes only, never patient data
 */
public record ConsentVerdict(ConsentVerdictKind kind, String recordId, String reason) {

    public ConsentVerdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean isPermitted() {
        return kind == ConsentVerdictKind.PERMITTED;
    }
}
