package io.github.smartonkeycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** A SMART app's authorization-code flow with PKCE against the test realm, with a real login. */
public final class SmartAppFlow {

    /** The FHIR base URL the shipped realm issues tokens for ({@code smart.fhirBaseUrls}). */
    public static final String FHIR_BASE_URL = "http://localhost:8081/fhir";

    private final String realmUrl;
    private final String clientId;
    private final Map<String, String> extraParameters = new LinkedHashMap<>();
    private boolean post;
    private BrowserlessLogin browser;

    /** An app that sends {@code aud} = the realm's FHIR base URL, as SMART apps do. */
    public SmartAppFlow(String realmUrl, String clientId) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        extraParameters.put("aud", FHIR_BASE_URL);
    }

    /** Send the authorization request as a form POST instead of a GET. */
    public SmartAppFlow byPost() {
        this.post = true;
        return this;
    }

    /** An extra authorization-request parameter, such as {@code launch} or {@code aud}. */
    public SmartAppFlow with(String name, String value) {
        extraParameters.put(name, value);
        return this;
    }

    /** Leave out a parameter the flow sends by default, such as {@code aud}. */
    public SmartAppFlow without(String name) {
        extraParameters.remove(name);
        return this;
    }

    /** Use this browser (its cookies, hence its Keycloak session) instead of a fresh one. */
    public SmartAppFlow inBrowser(BrowserlessLogin login) {
        this.browser = login;
        return this;
    }

    /** The authorization request this app sends, with this PKCE pair. */
    public Map<String, String> request(String scope, Pkce pkce) {
        Map<String, String> request = TokenEndpoint.authorizationRequest(clientId, scope, pkce, "state-1");
        request.putAll(extraParameters);
        return request;
    }

    /** The authorization request and login; returns the app's redirect parameters (a code, or an error). */
    public Authorization authorize(String scope, DemoUsers.DemoUser user) {
        Pkce pkce = Pkce.s256();
        Map<String, String> request = request(scope, pkce);
        BrowserlessLogin login = browser != null ? browser : new BrowserlessLogin(realmUrl);
        Map<String, String> redirect = post
                ? login.authorizeByPost(request, user.username(), user.password())
                : login.authorize(request, user.username(), user.password());
        return new Authorization(redirect, pkce);
    }

    /** Logs the user in and exchanges the code; fails the test unless a token comes back. */
    public JsonNode tokens(String scope, DemoUsers.DemoUser user) {
        return exchange(authorize(scope, user));
    }

    public JsonNode exchange(Authorization authorization) {
        assertThat(authorization.redirect()).as("redirect").containsKey("code");
        Http.Response token = new TokenEndpoint(realmUrl)
                .exchangeCodeAsPublicClient(authorization.redirect().get("code"), authorization.pkce(), clientId);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json();
    }

    public record Authorization(Map<String, String> redirect, Pkce pkce) {
    }

    public static Set<String> scopes(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
