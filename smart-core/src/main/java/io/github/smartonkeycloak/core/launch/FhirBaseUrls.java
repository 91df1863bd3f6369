package io.github.smartonkeycloak.core.launch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.smartonkeycloak.core.text.SpaceOrCommaList;

/**
 * The FHIR servers a realm issues tokens for, as an app names them in {@code aud}. A trailing slash does not
 * matter; everything else must match exactly. Tokens go only to https servers: a plain-http base is accepted on a
 * loopback host only ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), see {@link #isSecure(String)}.
 */
public final class FhirBaseUrls {

    /** Why a plain-http base is refused; shown to apps in {@code error_description} and to admins in the log. */
    public static final String HTTPS_REQUIRED = "FHIR base URLs must use https (plain http only on localhost, 127.0.0.0/8 or [::1])";

    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final List<String> urls;

    private FhirBaseUrls(List<String> urls) {
        this.urls = urls;
    }

    /** Space- or comma-separated URLs; blank means none. */
    public static FhirBaseUrls parse(String list) {
        if (list == null || list.isBlank()) {
            return new FhirBaseUrls(List.of());
        }
        return new FhirBaseUrls(SpaceOrCommaList.split(list).stream().map(FhirBaseUrls::normalize).toList());
    }

    /**
     * Whether a token may be sent to this FHIR base: {@code https}, or {@code http} on a loopback host named
     * literally (no name is resolved). Anything else, another scheme or no host, is not.
     */
    public static boolean isSecure(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null) {
            return false;
        }
        return scheme.equals("https") || scheme.equals("http") && isLoopback(host);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || LOOPBACK_IPV4.matcher(host).matches()
                || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]");
    }

    public boolean isEmpty() {
        return urls.isEmpty();
    }

    public boolean matches(String audience) {
        return audience != null && urls.contains(normalize(audience));
    }

    /** The first URL, as the {@code iss} of EHR launches and the server the login pages read. */
    public String primary() {
        return urls.isEmpty() ? null : urls.get(0);
    }

    public List<String> asList() {
        return urls;
    }

    private static String normalize(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
