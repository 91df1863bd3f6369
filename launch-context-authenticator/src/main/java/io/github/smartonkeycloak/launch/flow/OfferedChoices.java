package io.github.smartonkeycloak.launch.flow;

import java.util.Collection;
import java.util.List;

import io.github.smartonkeycloak.core.picker.FhirIds;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The ids a picker page offered, kept in the authentication session (ids only, never names) so that the choice
 * posted back can be checked against them.
 */
public final class OfferedChoices {

    private final AuthenticationSessionModel authSession;
    private final String note;

    public OfferedChoices(AuthenticationSessionModel authSession, String note) {
        this.authSession = authSession;
        this.note = note;
    }

    public void offer(Collection<String> ids) {
        authSession.setAuthNote(note, String.join(" ", ids));
    }

    public boolean wasOffered(String id) {
        String offered = authSession.getAuthNote(note);
        return FhirIds.isValid(id) && offered != null && List.of(offered.split(" ")).contains(id);
    }

    public void clear() {
        authSession.removeAuthNote(note);
    }
}
