package io.github.smartonkeycloak.it.client;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.ClientAssertion;
import io.github.smartonkeycloak.it.support.ClientKey;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.JwksServer;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Every SMART client type through a whole standalone launch: public, confidential symmetric with
 * {@code client_secret_basic} and {@code client_secret_post}, and confidential asymmetric ({@code private_key_jwt})
 * for the code exchange and the refresh.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ClientTypesIT {

    private static final List<String> CEILINGS = List.of("launch/patient", "patient/*.rs", "fhirUser", "offline_access");
    private static final String SCOPE = "openid fhirUser launch/patient offline_access patient/*.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    private TokenEndpoint tokenEndpoint() {
        return new TokenEndpoint(realm.getBaseUrl());
    }

    private static Map<String, String> codeForm(SmartAppFlow.Authorization authorization) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", authorization.redirect().get("code"));
        form.put("redirect_uri", TestApps.REDIRECT_URI);
        form.put("code_verifier", authorization.pkce().verifier());
        return form;
    }

    private static void assertLaunchTokens(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode tokens = response.json();
        assertThat(tokens.path("access_token").asText()).isNotEmpty();
        assertThat(tokens.path("id_token").asText()).isNotEmpty();
        assertThat(tokens.path("refresh_token").asText()).isNotEmpty();
        assertThat(tokens.path("patient").asText()).isNotEmpty();
        assertThat(scopes(tokens.path("scope").asText())).contains("launch/patient", "patient/*.rs");
    }

    @Test
    void aSymmetricClientUsesClientSecretBasic() {
        new RealmFixtures(realm).confidentialClient("symmetric-basic", "basic-secret", CEILINGS);
        SmartAppFlow.Authorization authorization = new SmartAppFlow(realm.getBaseUrl(), "symmetric-basic").authorize(SCOPE, users.patient());

        Http.Response tokens = tokenEndpoint().post(codeForm(authorization), "Authorization", Http.basic("symmetric-basic", "basic-secret"));

        assertLaunchTokens(tokens);
        Http.Response reused = tokenEndpoint().post(codeForm(authorization), "Authorization", Http.basic("symmetric-basic", "basic-secret"));
        assertThat(reused.status()).as("a code works once").isEqualTo(400);
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");
        Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.json().path("refresh_token").asText());
        assertThat(tokenEndpoint().post(refresh, "Authorization", Http.basic("symmetric-basic", "basic-secret")).status()).isEqualTo(200);
        assertThat(tokenEndpoint().post(refresh, "Authorization", Http.basic("symmetric-basic", "wrong")).status()).isIn(400, 401);
    }

    @Test
    void aSymmetricClientUsesClientSecretPost() {
        new RealmFixtures(realm).confidentialClient("symmetric-post", "post-secret", CEILINGS);
        SmartAppFlow.Authorization authorization = new SmartAppFlow(realm.getBaseUrl(), "symmetric-post").authorize(SCOPE, users.patient());
        Map<String, String> form = codeForm(authorization);
        form.put("client_id", "symmetric-post");
        form.put("client_secret", "post-secret");

        assertLaunchTokens(tokenEndpoint().post(form));
    }

    @Test
    void aWrongClientIdABadCodeAndAnotherRedirectUriAreRefused() {
        new RealmFixtures(realm).confidentialClient("symmetric-wrong", "right-secret", CEILINGS);
        SmartAppFlow.Authorization authorization = new SmartAppFlow(realm.getBaseUrl(), "symmetric-wrong").authorize(SCOPE, users.patient());

        Http.Response response = tokenEndpoint().post(codeForm(authorization), "Authorization", Http.basic("BAD_CLIENT_ID", "right-secret"));

        assertThat(response.status()).isIn(400, 401);
        assertThat(response.json().path("error").asText()).isEqualTo("invalid_client");
        Http.Response badCode = tokenEndpoint().post(Map.of("grant_type", "authorization_code", "code", "BAD_CODE",
                "redirect_uri", TestApps.REDIRECT_URI, "code_verifier", authorization.pkce().verifier()),
                "Authorization", Http.basic("symmetric-wrong", "right-secret"));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.json().path("error").asText()).isEqualTo("invalid_grant");
        Map<String, String> otherRedirect = codeForm(authorization);
        otherRedirect.put("redirect_uri", "http://localhost:8089/elsewhere");
        Http.Response wrongRedirect = tokenEndpoint().post(otherRedirect, "Authorization", Http.basic("symmetric-wrong", "right-secret"));
        assertThat(wrongRedirect.status()).isEqualTo(400);
        assertThat(wrongRedirect.json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void anAsymmetricAppExchangesItsCodeAndRefreshesWithClientAssertions() {
        ClientKey key = ClientKey.es384("app-es384");
        try (JwksServer jwks = new JwksServer()) {
            jwks.serve(key);
            String jwksUrl = jwks.url("asymmetric-app");
            new RealmFixtures(realm).assertionClient("asymmetric-app", jwksUrl, null, CEILINGS);
            SmartAppFlow.Authorization authorization = new SmartAppFlow(realm.getBaseUrl(), "asymmetric-app").authorize(SCOPE, users.patient());

            Map<String, String> foreignJku = codeForm(authorization);
            foreignJku.put("client_assertion_type", ClientAssertion.TYPE);
            foreignJku.put("client_assertion", ClientAssertion.by(key, "asymmetric-app", tokenEndpoint().tokenUrl())
                    .header("jku", "https://attacker.example/jwks.json").jwt());
            Http.Response refused = tokenEndpoint().post(foreignJku);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).as(refused.body()).isEqualTo("invalid_client");

            Map<String, String> form = codeForm(authorization);
            form.put("client_assertion_type", ClientAssertion.TYPE);
            form.put("client_assertion", ClientAssertion.by(key, "asymmetric-app", tokenEndpoint().tokenUrl())
                    .header("jku", jwksUrl).jwt());
            Http.Response tokens = tokenEndpoint().post(form);
            assertLaunchTokens(tokens);

            Map<String, String> refresh = new LinkedHashMap<>();
            refresh.put("grant_type", "refresh_token");
            refresh.put("refresh_token", tokens.json().path("refresh_token").asText());
            refresh.put("scope", tokens.json().path("scope").asText());
            refresh.put("client_assertion_type", ClientAssertion.TYPE);
            refresh.put("client_assertion", ClientAssertion.by(key, "asymmetric-app", tokenEndpoint().tokenUrl()).jwt());
            Http.Response refreshed = tokenEndpoint().post(refresh);
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            assertThat(refreshed.json().path("patient").asText()).isEqualTo(tokens.json().path("patient").asText());
        }
    }
}
