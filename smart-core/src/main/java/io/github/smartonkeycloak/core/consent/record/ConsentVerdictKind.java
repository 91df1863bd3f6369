package io.github.smartonkeycloak.core.consent.record;

/** What a patient's Consent records say about one grant; see {@link ConsentJudge}. */
public enum ConsentVerdictKind {
    /** An active permit for the app covers every granted scope, and its period runs. */
    PERMITTED,
    /** The app has a record, but it is inactive, its period has ended or not begun, or it does not cover the grant. */
    WITHDRAWN,
    /** An active deny names the app, or an active deny names no one (a standing "no apps" preference). */
    DENIED,
    /** The patient has no record about the app. */
    NONE
}
