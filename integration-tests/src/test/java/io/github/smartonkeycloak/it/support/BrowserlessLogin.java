package io.github.smartonkeycloak.it.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Walks the login pages over plain HTTP, as a browser with cookies would: the authorization request, Keycloak's
 * username/password form and consent page, and the pack's pages found by their {@code data-smart-page} hooks (patient
 * and encounter pickers, SMART consent), answered as told (by default: the first patient, the first encounter, the
 * consent page as checked). Stops at the first redirect to the app's redirect URI and returns its query parameters,
 * or, when asked, at one of the pack's pages.
 */
public final class BrowserlessLogin {

    /** Enough for a sign-in through an identity provider (its login, the broker's hops, the SMART pages). */
    private static final int MAX_HOPS = 30;
    /** How {@link #pagesSeen()} names Keycloak's own consent page. */
    public static final String KEYCLOAK_CONSENT = "keycloak-consent";
    /** How {@link #pagesSeen()} names Keycloak's "account already exists" page of a first broker login. */
    public static final String KEYCLOAK_LINK_ACCOUNT = "keycloak-link-account";

    private final Http browser = Http.browser();
    private final String realmUrl;
    private final List<String> pagesSeen = new ArrayList<>();
    private String patient;
    private String encounter;
    private UnaryOperator<List<String>> consent = UnaryOperator.identity();
    private boolean denyConsent;
    private final List<TimedRequest> requests = new ArrayList<>();
    private String answered;

    /** One request of a page walk and how long it took as this client saw it: the step names the page it answered. */
    public record TimedRequest(String step, long nanos) {
    }

    public BrowserlessLogin(String realmUrl) {
        this.realmUrl = realmUrl;
        TestFhirServer.ensureRunning();
    }

    /** Choose this patient on the picker (default: the first one offered). */
    public BrowserlessLogin choosingPatient(String patientId) {
        this.patient = patientId;
        return this;
    }

    /** Choose this encounter on the encounter picker, {@code ""} for none (default: the first one offered). */
    public BrowserlessLogin choosingEncounter(String encounterId) {
        this.encounter = encounterId;
        return this;
    }

    /** On the SMART consent page, send what this makes of the scopes checked by default. */
    public BrowserlessLogin consenting(UnaryOperator<List<String>> choice) {
        this.consent = choice;
        return this;
    }

    /** Press Deny on the SMART consent page. */
    public BrowserlessLogin denyingConsent() {
        this.denyConsent = true;
        return this;
    }

    /** The pack's pages ({@code data-smart-page} values) and Keycloak's consent page this browser went through, in order. */
    public List<String> pagesSeen() {
        return List.copyOf(pagesSeen);
    }

    /**
     * Every request this browser sent, in order, timed: {@code authorization request}, {@code <page> form} for a
     * form answered ({@code login}, the pack's pages by their hooks, {@link #KEYCLOAK_CONSENT}) and {@code redirect}
     * for a redirect followed. For benchmarks that split a launch's time by page.
     */
    public List<TimedRequest> requests() {
        return List.copyOf(requests);
    }

    public String authorizationEndpoint() {
        return realmUrl + "/protocol/openid-connect/auth";
    }

    /** Sends the authorization request by GET, logs in if Keycloak asks, and returns the app's redirect parameters. */
    public Map<String, String> authorize(Map<String, String> params, String username, String password) {
        long started = System.nanoTime();
        Http.Response first = browser.get(authorizationEndpoint() + "?" + Http.formEncode(params));
        requests.add(new TimedRequest("authorization request", System.nanoTime() - started));
        return walk(first, params.get("redirect_uri"), username, password, null).redirect();
    }

    /** The same with the authorization request sent as a form POST (SMART's authorize-post). */
    public Map<String, String> authorizeByPost(Map<String, String> params, String username, String password) {
        return walk(browser.postForm(authorizationEndpoint(), params), params.get("redirect_uri"), username, password,
                null).redirect();
    }

    /** Sends the authorization request and logs in, stopping at the pack's page {@code smartPage}. */
    public Page openUntil(String smartPage, Map<String, String> params, String username, String password) {
        Outcome outcome = walk(browser.get(authorizationEndpoint() + "?" + Http.formEncode(params)),
                params.get("redirect_uri"), username, password, smartPage);
        if (outcome.page() == null) {
            throw new AssertionError("Never reached the '" + smartPage + "' page; the app got " + outcome.redirect());
        }
        return outcome.page();
    }

    /** A response of this browser as a page. */
    public Page page(Http.Response response) {
        return new Page(response, Jsoup.parse(response.body(), realmUrl));
    }

    /** Carries on from a response (after {@link Page#submit}) to the app's redirect. */
    public Map<String, String> continueFrom(Http.Response response, String redirectUri) {
        return walk(response, redirectUri, null, null, null).redirect();
    }

    /** The raw answer to a GET authorization request, before any login. */
    public Http.Response send(Map<String, String> params) {
        return browser.get(authorizationEndpoint() + "?" + Http.formEncode(params));
    }

    private Outcome walk(Http.Response first, String redirectUri, String username, String password, String stopAt) {
        Http.Response response = first;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (response.status() / 100 != 3) {
                Page page = new Page(response, Jsoup.parse(response.body(), realmUrl));
                String smartPage = page.smartPage();
                if (smartPage != null) {
                    pagesSeen.add(smartPage);
                    if (smartPage.equals(stopAt)) {
                        return new Outcome(null, page);
                    }
                }
                long started = System.nanoTime();
                response = answer(page, username, password);
                requests.add(new TimedRequest(answered + " form", System.nanoTime() - started));
                continue;
            }
            Http.Response redirect = response;
            String location = redirect.header("Location")
                    .orElseThrow(() -> new AssertionError("Expected a redirect, got " + describe(redirect)));
            if (location.startsWith(redirectUri)) {
                return new Outcome(queryParameters(URI.create(location)), null);
            }
            long started = System.nanoTime();
            response = browser.get(absolute(location));
            requests.add(new TimedRequest("redirect", System.nanoTime() - started));
        }
        throw new AssertionError("No redirect to " + redirectUri + " after " + MAX_HOPS + " hops");
    }

    private Http.Response answer(Page page, String username, String password) {
        String smartPage = page.smartPage();
        answered = smartPage != null ? smartPage : "login";
        if (smartPage == null) {
            Element stockConsent = page.html().selectFirst("form:has(input[name=code])");
            if (stockConsent != null) {
                pagesSeen.add(KEYCLOAK_CONSENT);
                answered = KEYCLOAK_CONSENT;
                return page.submit(stockConsent, List.of(Map.entry("accept", "Yes")));
            }
            // SAML's POST binding: a page whose script posts a SAMLRequest or SAMLResponse form on load.
            Element samlPost = page.html().selectFirst("form:has(input[name=SAMLRequest]), form:has(input[name=SAMLResponse])");
            if (samlPost != null) {
                answered = "saml post";
                return page.submit(samlPost, List.of());
            }
            // A first broker login for an existing account: link it (Keycloak then asks for that account's password).
            Element linkAccount = page.html().selectFirst("form:has(button[name=submitAction][value=linkAccount])");
            if (linkAccount != null) {
                pagesSeen.add(KEYCLOAK_LINK_ACCOUNT);
                answered = KEYCLOAK_LINK_ACCOUNT;
                return page.submit(linkAccount, List.of(Map.entry("submitAction", "linkAccount")));
            }
            Element login = page.html().getElementById("kc-form-login");
            if (login == null || username == null) {
                throw new AssertionError("Unexpected page: " + describe(page.response()));
            }
            return page.submit(login, List.of(Map.entry("username", username), Map.entry("password", password),
                    Map.entry("credentialId", "")));
        }
        return switch (smartPage) {
            case "patient-picker" -> page.submit("#smart-patient-choice",
                    List.of(Map.entry("patient", patient != null ? patient : page.first("data-patient-id"))));
            case "encounter-picker" -> page.submit("#smart-encounter-choice",
                    List.of(Map.entry("encounter", encounter != null ? encounter : page.first("data-encounter-id"))));
            case "consent" -> denyConsent
                    ? page.submit("#smart-consent-form", List.of(Map.entry("smart-action", "deny")))
                    : page.submit("#smart-consent-form", consentFields(consent.apply(page.checkedScopes())));
            default -> throw new AssertionError("Stopped at the pack's '" + smartPage + "' page: " + describe(page.response()));
        };
    }

    private static List<Map.Entry<String, String>> consentFields(List<String> scopes) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        scopes.forEach(scope -> fields.add(Map.entry("scope", scope)));
        fields.add(Map.entry("smart-action", "approve"));
        return fields;
    }

    private String absolute(String url) {
        return URI.create(realmUrl).resolve(url).toString();
    }

    private record Outcome(Map<String, String> redirect, Page page) {
    }

    /** A page of the login UI, parsed, with its forms submittable in this browser. */
    public final class Page {

        private final Http.Response response;
        private final Document html;

        Page(Http.Response response, Document html) {
            this.response = response;
            this.html = html;
        }

        public Http.Response response() {
            return response;
        }

        public Document html() {
            return html;
        }

        /** The page's {@code data-smart-page} hook, or null for Keycloak's own pages. */
        public String smartPage() {
            Element hooked = html.selectFirst("[data-smart-page]");
            return hooked == null ? null : hooked.attr("data-smart-page");
        }

        /** Values of an attribute (such as {@code data-patient-id}) over the page, in order. */
        public List<String> all(String attribute) {
            return html.select("[" + attribute + "]").eachAttr(attribute);
        }

        String first(String attribute) {
            List<String> values = all(attribute);
            if (values.isEmpty()) {
                throw new AssertionError("Nothing with " + attribute + " on " + describe(response));
            }
            return values.get(0);
        }

        /** The {@code scope} checkboxes of the consent page that are checked. */
        public List<String> checkedScopes() {
            return html.select("input[type=checkbox][name=scope][checked]").eachAttr("value");
        }

        /** Every {@code scope} checkbox of the consent page. */
        public List<String> offeredScopes() {
            return html.select("input[type=checkbox][name=scope]").eachAttr("value");
        }

        /** Posts the form (by CSS selector) with these fields, as a button press would. */
        public Http.Response submit(String formSelector, List<Map.Entry<String, String>> fields) {
            Element form = html.selectFirst(formSelector);
            if (form == null) {
                throw new AssertionError("No form " + formSelector + " on " + describe(response));
            }
            return submit(form, fields);
        }

        /** The form's hidden fields go along, except those the given fields replace. */
        Http.Response submit(Element form, List<Map.Entry<String, String>> fields) {
            List<Map.Entry<String, String>> all = new ArrayList<>();
            for (Element hidden : form.select("input[type=hidden]")) {
                if (fields.stream().noneMatch(field -> field.getKey().equals(hidden.attr("name")))) {
                    all.add(Map.entry(hidden.attr("name"), hidden.attr("value")));
                }
            }
            all.addAll(fields);
            return browser.postForm(absolute(form.attr("action")), all);
        }
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
        return "HTTP " + response.status() + " " + body.substring(0, Math.min(body.length(), 1500));
    }
}
