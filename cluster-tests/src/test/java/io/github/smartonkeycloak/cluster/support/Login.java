package io.github.smartonkeycloak.cluster.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One browser walking Keycloak's login pages over plain HTTP (as integration-tests' BrowserlessLogin does): the
 * username/password form, the patient picker (first patient), consent (approved as checked). The browser's
 * {@link Http#via target} may change between two steps, so a flow can move from node to node.
 */
public final class Login {

    private static final int MAX_HOPS = 15;

    private final Http browser;
    private final String realmUrl;
    private final List<String> pagesSeen = new ArrayList<>();

    public Login(Target target, String realmUrl) {
        this.browser = Http.browser(target);
        this.realmUrl = realmUrl;
    }

    public Http browser() {
        return browser;
    }

    /** The pack's pages ({@code data-smart-page}) this browser went through, in order. */
    public List<String> pagesSeen() {
        return List.copyOf(pagesSeen);
    }

    /** Sends the authorization request and stops at the first page (usually the login form). */
    public Page open(Map<String, String> params) {
        Http.Response response = browser.get(realmUrl + "/protocol/openid-connect/auth?" + Http.formEncode(params));
        for (int hop = 0; hop < MAX_HOPS && response.status() / 100 == 3; hop++) {
            response = browser.get(absolute(response.header("Location").orElseThrow()));
        }
        return page(response);
    }

    /** The whole flow: authorization request, login, pages; returns the app's redirect parameters. */
    public Map<String, String> authorize(Map<String, String> params, String username, String password) {
        return continueFrom(open(params).response(), params.get("redirect_uri"), username, password);
    }

    /** Carries on from a response to the app's redirect, logging in and answering pages on the way. */
    public Map<String, String> continueFrom(Http.Response first, String redirectUri, String username, String password) {
        Http.Response response = first;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (response.status() / 100 != 3) {
                response = answer(page(response), username, password);
                continue;
            }
            String location = response.header("Location").orElseThrow(() -> new AssertionError("No Location"));
            if (location.startsWith(redirectUri)) {
                return queryParameters(URI.create(location));
            }
            response = browser.get(absolute(location));
        }
        throw new AssertionError("No redirect to " + redirectUri + " after " + MAX_HOPS + " hops");
    }

    /** Goes through the flow like {@link #authorize} and stops at the pack's {@code smartPage} page, unanswered. */
    public Page until(String smartPage, Map<String, String> params, String username, String password) {
        Http.Response response = open(params).response();
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (response.status() / 100 == 3) {
                response = browser.get(absolute(response.header("Location").orElseThrow()));
                continue;
            }
            Page page = page(response);
            if (smartPage.equals(page.smartPage())) {
                pagesSeen.add(smartPage);
                return page;
            }
            response = answer(page, username, password);
        }
        throw new AssertionError("No '" + smartPage + "' page after " + MAX_HOPS + " hops");
    }

    public Page page(Http.Response response) {
        return new Page(response, Jsoup.parse(response.body(), realmUrl));
    }

    private Http.Response answer(Page page, String username, String password) {
        String smartPage = page.smartPage();
        if (smartPage != null) {
            pagesSeen.add(smartPage);
        }
        if (smartPage == null) {
            Element stockConsent = page.html().selectFirst("form:has(input[name=code])");
            if (stockConsent != null) {
                return page.submit(stockConsent, List.of(Map.entry("accept", "Yes")));
            }
            Element login = page.html().getElementById("kc-form-login");
            if (login == null || username == null) {
                throw new AssertionError("Unexpected page: " + page.response());
            }
            return page.submit(login, List.of(Map.entry("username", username), Map.entry("password", password),
                    Map.entry("credentialId", "")));
        }
        return switch (smartPage) {
            case "patient-picker" -> page.submit(page.html().selectFirst("#smart-patient-choice"),
                    List.of(Map.entry("patient", page.html().select("[data-patient-id]").first().attr("data-patient-id"))));
            case "consent" -> page.approve();
            default -> throw new AssertionError("Stopped at the pack's '" + smartPage + "' page: " + page.response());
        };
    }

    private String absolute(String url) {
        return URI.create(realmUrl).resolve(url).toString();
    }

    /** A page of the login UI, its forms submittable in this browser (to the browser's current target). */
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

        public String smartPage() {
            Element hooked = html.selectFirst("[data-smart-page]");
            return hooked == null ? null : hooked.attr("data-smart-page");
        }

        /** Submits the login form with these credentials. */
        public Http.Response logIn(String username, String password) {
            Element form = html.getElementById("kc-form-login");
            if (form == null) {
                throw new AssertionError("No login form: " + response);
            }
            return submit(form, List.of(Map.entry("username", username), Map.entry("password", password),
                    Map.entry("credentialId", "")));
        }

        /** Presses Approve on the SMART consent page with the scopes it offers checked. */
        public Http.Response approve() {
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            html.select("input[type=checkbox][name=scope][checked]").eachAttr("value")
                    .forEach(scope -> fields.add(Map.entry("scope", scope)));
            fields.add(Map.entry("smart-action", "approve"));
            return submit(html.selectFirst("#smart-consent-form"), fields);
        }

        /** The form's hidden fields go along, except those the given fields replace. */
        Http.Response submit(Element form, List<Map.Entry<String, String>> fields) {
            if (form == null) {
                throw new AssertionError("No such form on " + response);
            }
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
            parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
