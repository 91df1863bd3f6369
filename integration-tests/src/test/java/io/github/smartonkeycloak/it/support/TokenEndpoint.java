package io.github.smartonkeycloak.it.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Requests to a realm's token and introspection endpoints, as SMART apps and resource servers send them. */
public final class TokenEndpoint {

    private final Http http = Http.plain();
    private final String tokenUrl;

    public TokenEndpoint(String realmUrl) {
        this.tokenUrl = realmUrl + "/protocol/openid-connect/token";
    }

    /** Code exchange by a public client: {@code client_id} in the body, no secret. */
    public Http.Response exchangeCodeAsPublicClient(String code, Pkce pkce, String clientId) {
        Map<String, String> form = codeForm(code, pkce);
        form.put("client_id", clientId);
        return http.postForm(tokenUrl, form);
    }

    /** Code exchange by a confidential client with {@code client_secret_basic}. */
    public Http.Response exchangeCodeWithBasic(String code, Pkce pkce, String clientId, String secret) {
        return http.postForm(tokenUrl, codeForm(code, pkce), "Authorization", Http.basic(clientId, secret));
    }

    /** Refresh by a public client: {@code client_id} in the body; {@code scope} may be null. */
    public Http.Response refreshAsPublicClient(String refreshToken, String clientId, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        if (scope != null) {
            form.put("scope", scope);
        }
        return http.postForm(tokenUrl, form);
    }

    /** Refresh by a confidential client authenticating with HTTP Basic. */
    public Http.Response refreshWithBasic(String refreshToken, String clientId, String secret) {
        return http.postForm(tokenUrl, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                "Authorization", Http.basic(clientId, secret));
    }

    public Http.Response clientCredentials(String clientId, String secret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        return http.postForm(tokenUrl, form, "Authorization", Http.basic(clientId, secret));
    }

    /** A backend service's token request as SMART and Inferno send it: no {@code client_id}, a client assertion. */
    public Http.Response clientCredentialsWithAssertion(String assertion, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope", scope);
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", ClientAssertion.TYPE);
        form.put("client_assertion", assertion);
        return post(form);
    }

    /** Any form to the token endpoint, with these headers. */
    public Http.Response post(Map<String, String> form, String... headers) {
        return http.postForm(tokenUrl, form, headers);
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    public Http.Response introspect(String token, String clientId, String secret) {
        return http.postForm(tokenUrl + "/introspect", Map.of("token", token), "Authorization", Http.basic(clientId, secret));
    }

    private static Map<String, String> codeForm(String code, Pkce pkce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", TestApps.REDIRECT_URI);
        form.put("code_verifier", pkce.verifier());
        return form;
    }

    /** The authorization request a SMART app sends, with PKCE S256. */
    public static Map<String, String> authorizationRequest(String clientId, String scope, Pkce pkce, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", TestApps.REDIRECT_URI);
        params.put("scope", scope);
        params.put("state", state);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }
}
