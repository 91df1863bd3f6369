package io.github.smartonkeycloak.core.consent.record;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges one grant against all Consent records of its patient, at the consent page, at every token request and at
 * introspection. A deny wins over any permit; a permit must cover the exact granted scopes; anything in between is a
 * withdrawal. Records that are entered in error, or about something other than privacy, do not count.
 */
public final class ConsentJudge {

    private static final Comparator<ConsentRecord> NEWEST_FIRST = Comparator
            .comparing(ConsentRecord::lastUpdated, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ConsentRecord::dateTime, Comparator.nullsLast(Comparator.reverseOrder()));

    private ConsentJudge() {
    }

    /**
     * @return {@link ConsentVerdictKind#DENIED} for an active deny in force that names the app or names no one;
     *         else {@link ConsentVerdictKind#PERMITTED} for an active permit in force that names the app, has no
     *         nested deny and covers every granted scope; else {@link ConsentVerdictKind#WITHDRAWN} if any record
     *         names the app (the newest one's id); else {@link ConsentVerdictKind#NONE}
     */
    public static ConsentVerdict judge(List<ConsentRecord> records, String appSystem, String clientId,
            Collection<String> grantedScopes, Instant now) {
        Objects.requireNonNull(grantedScopes, "grantedScopes");
        Objects.requireNonNull(now, "now");
        List<ConsentRecord> counted = records.stream()
                .filter(ConsentRecord::privacy)
                .filter(record -> !record.isEnteredInError())
                .sorted(NEWEST_FIRST)
                .toList();
        for (ConsentRecord record : counted) {
            if (record.isActive() && record.isDeny() && record.isInForce(now)) {
                if (record.actors().isEmpty()) {
                    return new ConsentVerdict(ConsentVerdictKind.DENIED, record.id(),
                            "consent " + label(record) + " denies every app");
                }
                if (record.namesApp(appSystem, clientId)) {
                    return new ConsentVerdict(ConsentVerdictKind.DENIED, record.id(),
                            "consent " + label(record) + " denies client " + clientId);
                }
            }
        }
        List<ConsentRecord> forApp = counted.stream().filter(record -> record.namesApp(appSystem, clientId)).toList();
        for (ConsentRecord record : forApp) {
            if (record.isActive() && record.isPermit() && record.isInForce(now) && !record.nestedDeny()
                    && record.covers(grantedScopes)) {
                return new ConsentVerdict(ConsentVerdictKind.PERMITTED, record.id(),
                        "consent " + label(record) + " permits client " + clientId);
            }
        }
        if (forApp.isEmpty()) {
            return new ConsentVerdict(ConsentVerdictKind.NONE, null, "no consent names client " + clientId);
        }
        ConsentRecord newest = forApp.get(0);
        return new ConsentVerdict(ConsentVerdictKind.WITHDRAWN, newest.id(),
                "consent " + label(newest) + " " + whyNot(newest, grantedScopes, now) + " for client " + clientId);
    }

    /**
     * The record the consent page updates when the app's grant changes: the newest permit naming the app that is not
     * entered in error. A deny is never rewritten into a permit: the patient's or another system's choice stands.
     */
    public static Optional<ConsentRecord> recordToUpdate(List<ConsentRecord> records, String appSystem, String clientId) {
        return records.stream()
                .filter(record -> !record.isEnteredInError() && record.isPermit())
                .filter(record -> record.namesApp(appSystem, clientId))
                .min(NEWEST_FIRST);
    }

    private static String whyNot(ConsentRecord record, Collection<String> grantedScopes, Instant now) {
        if (!record.isActive()) {
            return "is " + (record.status() == null ? "without status" : codeOnly(record.status()));
        }
        if (!record.isPermit()) {
            return "has no permit provision";
        }
        if (!record.isInForce(now)) {
            return record.periodEnd() != null && !now.isBefore(record.periodEnd()) ? "has ended" : "has not begun";
        }
        if (record.nestedDeny()) {
            return "has a nested deny";
        }
        return "does not cover scope " + record.firstUncovered(grantedScopes).orElse("?");
    }

    private static String label(ConsentRecord record) {
        return record.id() == null ? "(no id)" : record.id();
    }

    /** A status is a code; anything longer or odd is not echoed. */
    private static String codeOnly(String status) {
        return status.length() <= 32 && status.chars().allMatch(c -> c == '-' || Character.isLetter(c)) ? status : "(unknown status)";
    }
}
