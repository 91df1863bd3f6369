package io.github.smartonkeycloak.scope.token;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.common.TokenRequestForm;
import io.github.smartonkeycloak.scope.SmartScopeErrors;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenInterceptorException;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.RefreshToken;

/**
 * The token endpoint's part of SMART scope handling, for requests that carry a {@code scope} parameter:
 * <ul>
 *   <li>a malformed SMART scope (client_credentials, password, refresh) is {@code invalid_scope} with a message that
 *       says what is wrong, not a silent drop;</li>
 *   <li>a refresh may repeat granted scopes or leave some out, never add one: Keycloak would silently ignore the
 *       extra scope, SMART apps get {@code invalid_scope} instead.</li>
 * </ul>
 */
final class SmartScopeTokenCheck implements TokenPostProcessor {

    private final KeycloakSession session;

    SmartScopeTokenCheck(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void process(TokenPostProcessorContext context) {
        TokenRequestForm form = TokenRequestForm.current(session).orElse(null);
        String scopeParam = form == null ? null : form.scope().orElse(null);
        if (scopeParam == null) {
            return;
        }
        SmartScopeErrors.firstMalformed(scopeParam).ifPresent(malformed -> {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, malformed.getMessage());
        });
        // The grant type comes from the form: for offline tokens Keycloak replaces the context that carried it.
        RefreshToken refreshed = context.requestRefreshToken();
        if (form.isRefresh() && refreshed != null) {
            rejectWidening(scopeParam, refreshed.getScope());
        }
    }

    private static void rejectWidening(String requested, String granted) {
        Set<String> grantedScopes = granted == null ? Set.of()
                : Arrays.stream(granted.split(" ")).collect(Collectors.toSet());
        for (String scope : requested.split(" ")) {
            if (!scope.isEmpty() && !OAuth2Constants.SCOPE_OPENID.equals(scope) && !grantedScopes.contains(scope)) {
                throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, scope
                        + ": not granted to this refresh token; a refresh may repeat granted scopes or leave some out,"
                        + " but not add or change one");
            }
        }
    }
}
