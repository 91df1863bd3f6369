package io.github.smartonkeycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The REST API behind Keycloak's account console, as a signed-in user uses it: the apps they have granted access
 * to, and taking that access back.
 */
public final class AccountConsole {

    private static final String CLIENT = "account-console";

    private final String realmUrl;
    private final String accessToken;

    private AccountConsole(String realmUrl, String accessToken) {
        this.realmUrl = realmUrl;
        this.accessToken = accessToken;
    }

    /** Signs the user in to the account console (its own public client, with PKCE). */
    public static AccountConsole signIn(String realmUrl, DemoUsers.DemoUser user) {
        String redirectUri = realmUrl + "/account/";
        Pkce pkce = Pkce.s256();
        Map<String, String> request = TokenEndpoint.authorizationRequest(CLIENT, "openid", pkce, "account-state");
        request.put("redirect_uri", redirectUri);
        Map<String, String> redirect = new BrowserlessLogin(realmUrl).authorize(request, user.username(), user.password());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", redirect.get("code"));
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", pkce.verifier());
        form.put("client_id", CLIENT);
        Http.Response token = Http.plain().postForm(realmUrl + "/protocol/openid-connect/token", form);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return new AccountConsole(realmUrl, token.json().path("access_token").asText());
    }

    /** The app as the console's "Applications" page lists it, or a missing node. */
    public JsonNode application(String clientId) {
        Http.Response apps = Http.plain().get(realmUrl + "/account/applications", "Authorization", "Bearer " + accessToken,
                "Accept", "application/json");
        assertThat(apps.status()).as(apps.body()).isEqualTo(200);
        for (JsonNode app : apps.json()) {
            if (clientId.equals(app.path("clientId").asText())) {
                return app;
            }
        }
        return MissingNode.getInstance();
    }

    /** "Remove access" for the app. */
    public void revoke(String clientId) {
        Http.Response revoked = Http.plain().delete(realmUrl + "/account/applications/" + clientId + "/consent",
                "Authorization", "Bearer " + accessToken, "Accept", "application/json");
        assertThat(revoked.status()).as(revoked.body()).isIn(202, 204);
    }
}
