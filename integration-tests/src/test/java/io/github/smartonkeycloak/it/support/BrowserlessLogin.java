package io.github.smartonkeycloak.it.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks Keycloak's login pages over plain HTTP, as a browser with cookies would: authorization request, the
 * username/password form, Keycloak's own consent page (approved), and the redirect back to the app. Stops at the first redirect to the app's redirect URI
 * and returns its query parameters. Pages the pack adds (picker, consent) get their own page objects in the browser
 * tests; this is for flows that only need Keycloak's login form.
 */
public final class BrowserlessLogin {

    private static final Pattern LOGIN_FORM =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"", Pattern.DOTALL);
    private static final Pattern CONSENT_FORM = Pattern.compile(
            "<form[^>]*action=\"([^\"]+)\"[^>]*method=\"POST\">\\s*<input type=\"hidden\" name=\"code\" value=\"([^\"]+)\">",
            Pattern.DOTALL);
    private static final int MAX_HOPS = 10;

    private final Http browser = Http.browser();
    private final String realmUrl;

    public BrowserlessLogin(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String authorizationEndpoint() {
        return realmUrl + "/protocol/openid-connect/auth";
    }

    /** Sends the authorization request by GET, logs in if Keycloak asks, and returns the app's redirect parameters. */
    public Map<String, String> authorize(Map<String, String> params, String username, String password) {
        return follow(browser.get(authorizationEndpoint() + "?" + Http.formEncode(params)), params, username, password);
    }

    /** The same with the authorization request sent as a form POST (SMART's authorize-post). */
    public Map<String, String> authorizeByPost(Map<String, String> params, String username, String password) {
        return follow(browser.postForm(authorizationEndpoint(), params), params, username, password);
    }

    /** The raw answer to a GET authorization request, before any login. */
    public Http.Response send(Map<String, String> params) {
        return browser.get(authorizationEndpoint() + "?" + Http.formEncode(params));
    }

    private Map<String, String> follow(Http.Response first, Map<String, String> params, String username, String password) {
        String redirectUri = params.get("redirect_uri");
        Http.Response response = first;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (response.status() == 200) {
                Matcher consent = CONSENT_FORM.matcher(response.body());
                response = consent.find()
                        ? browser.postForm(absolute(consent.group(1).replace("&amp;", "&")),
                                Map.of("code", consent.group(2), "accept", "Yes"))
                        : browser.postForm(loginFormAction(response.body()),
                                Map.of("username", username, "password", password, "credentialId", ""));
                continue;
            }
            Http.Response redirect = response;
            String location = redirect.header("Location")
                    .orElseThrow(() -> new AssertionError("Expected a redirect, got " + describe(redirect)));
            if (location.startsWith(redirectUri)) {
                return queryParameters(URI.create(location));
            }
            response = browser.get(absolute(location));
        }
        throw new AssertionError("No redirect to " + redirectUri + " after " + MAX_HOPS + " hops");
    }

    /** Keycloak writes some form actions as paths; they are resolved against the realm's server. */
    private String absolute(String url) {
        return URI.create(realmUrl).resolve(url).toString();
    }

    private static String loginFormAction(String html) {
        Matcher matcher = LOGIN_FORM.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("Not Keycloak's login form: " + html.substring(0, Math.min(html.length(), 2000)));
        }
        return matcher.group(1).replace("&amp;", "&");
    }

    public static Map<String, String> queryParameters(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String describe(Http.Response response) {
        String body = response.body();
        return "HTTP " + response.status() + " " + body.substring(0, Math.min(body.length(), 500));
    }
}
