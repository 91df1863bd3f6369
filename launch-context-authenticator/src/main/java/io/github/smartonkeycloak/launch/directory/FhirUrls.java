package io.github.smartonkeycloak.launch.directory;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.jboss.logging.Logger;

/**
 * The URLs the pack may send its service token to: the realm's FHIR base URL, if it is https (plain http on loopback
 * only), and the search URLs and {@code next} links under it. A {@code next} link to another scheme, host or port,
 * or outside the base path, is refused with an error, never followed: the token would go with it.
 */
public final class FhirUrls {

    /** Logged under the client's name, as docs/security.md lists it. */
    private static final Logger LOG = Logger.getLogger(FhirClient.class);

    private final String realmName;
    private final String base;

    /** {@code base} is the realm's first FHIR base URL (null when it has none). */
    public FhirUrls(String realmName, String base) {
        this.realmName = realmName;
        this.base = base;
    }

    /** The realm's FHIR base URL, if the pack may send a token there. */
    public String base() {
        if (base == null) {
            throw new FhirUnavailableException("the realm has no FHIR base URL (realm attribute "
                    + SmartRealmSettings.FHIR_BASE_URLS + ")");
        }
        if (!FhirBaseUrls.isSecure(base)) {
            LOG.warnf("Realm '%s': the login pages do not call FHIR base URL %s (realm attribute %s): %s",
                    realmName, base, SmartRealmSettings.FHIR_BASE_URLS, FhirBaseUrls.HTTPS_REQUIRED);
            throw new FhirUnavailableException("the realm's FHIR base URL is refused: " + FhirBaseUrls.HTTPS_REQUIRED);
        }
        return base;
    }

    public String search(String resourceType, List<Map.Entry<String, String>> parameters, int count) {
        StringBuilder url = new StringBuilder(base()).append('/').append(resourceType).append('?');
        for (Map.Entry<String, String> parameter : parameters) {
            url.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue())).append('&');
        }
        return url.append("_count=").append(count).toString();
    }

    public String read(String resourceType, String id) {
        return base() + "/" + resourceType + "/" + id;
    }

    /**
     * The bundle's {@code next} link, if it has one; it must lead to the FHIR server itself. The error names the
     * foreign origin only: the link's query may hold what was searched for.
     */
    public Optional<String> next(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                return Optional.of(checkedNext(link.path("url").asText("")));
            }
        }
        return Optional.empty();
    }

    private String checkedNext(String next) {
        URI baseUri = URI.create(base());
        URI nextUri;
        try {
            nextUri = new URI(next);
        } catch (URISyntaxException e) {
            throw new FhirUnavailableException("the FHIR server's next link is not a URL");
        }
        if (!sameOrigin(baseUri, nextUri)) {
            throw new FhirUnavailableException("the FHIR server's next link leads to another server (" + origin(nextUri)
                    + ", not " + origin(baseUri) + "); the pack sends its token to " + base() + " only");
        }
        if (!next.startsWith(base() + "?") && !next.startsWith(base() + "/")) {
            throw new FhirUnavailableException("the FHIR server's next link leaves its base URL " + base()
                    + "; the pack sends its token there only");
        }
        return next;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b) && b.getRawUserInfo() == null;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    /** Scheme, host and port; user information (it may be a credential) only as a mark. */
    private static String origin(URI uri) {
        return Objects.toString(uri.getScheme(), "?") + "://" + (uri.getRawUserInfo() == null ? "" : "(user info)@")
                + Objects.toString(uri.getHost(), "?") + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
