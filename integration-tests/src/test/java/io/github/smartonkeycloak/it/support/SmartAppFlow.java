package io.github.smartonkeycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** A SMART app's authorization-code flow with PKCE against the test realm, with a real login. */
public final class SmartAppFlow {

    private final String realmUrl;
    private final String clientId;
    private boolean post;

    public SmartAppFlow(String realmUrl, String clientId) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
    }

    /** Send the authorization request as a form POST instead of a GET. */
    public SmartAppFlow byPost() {
        this.post = true;
        return this;
    }

    /** Logs the user in and exchanges the code; fails the test unless a token comes back. */
    public JsonNode tokens(String scope, DemoUsers.DemoUser user) {
        Pkce pkce = Pkce.s256();
        Map<String, String> request = TokenEndpoint.authorizationRequest(clientId, scope, pkce, "state-1");
        BrowserlessLogin login = new BrowserlessLogin(realmUrl);
        Map<String, String> redirect = post
                ? login.authorizeByPost(request, user.username(), user.password())
                : login.authorize(request, user.username(), user.password());
        assertThat(redirect).as("redirect for %s", scope).containsKey("code");
        Http.Response token = new TokenEndpoint(realmUrl).exchangeCodeAsPublicClient(redirect.get("code"), pkce, clientId);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json();
    }

    public static Set<String> scopes(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
