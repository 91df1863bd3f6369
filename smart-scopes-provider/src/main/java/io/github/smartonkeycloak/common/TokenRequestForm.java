package io.github.smartonkeycloak.common;

import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;

/** The form of the token request being served, where providers deep in Keycloak's code path need a parameter. */
public final class TokenRequestForm {

    private final MultivaluedMap<String, String> form;

    private TokenRequestForm(MultivaluedMap<String, String> form) {
        this.form = form;
    }

    /** The current request's form, if it is a form POST (token requests are). */
    public static Optional<TokenRequestForm> current(KeycloakSession session) {
        if (RequestUris.baseUri(session).isEmpty()) {
            return Optional.empty(); // a scheduled task (the consent poll's service token) serves no request
        }
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || !HttpMethod.POST.equals(request.getHttpMethod())) {
            return Optional.empty();
        }
        MediaType type = request.getHttpHeaders().getMediaType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
            return Optional.empty();
        }
        MultivaluedMap<String, String> form = request.getDecodedFormParameters();
        return form == null ? Optional.empty() : Optional.of(new TokenRequestForm(form));
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(form.getFirst(name));
    }

    public boolean isRefresh() {
        return OAuth2Constants.REFRESH_TOKEN.equals(form.getFirst(OAuth2Constants.GRANT_TYPE));
    }

    /** The {@code scope} parameter, where it is present and not blank. */
    public Optional<String> scope() {
        return parameter(OAuth2Constants.SCOPE).filter(scope -> !scope.isBlank());
    }
}
