package io.github.smartonkeycloak.core.resourceserver;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.text.SpaceOrCommaList;

/**
 * The realm setting {@code smart.resourceServerProfiles}: {@code <FHIR base URL>=<profile>} pairs separated by spaces
 * or commas. A base URL not named gets {@link ResourceServerProfile#GENERIC}; as with the FHIR base URLs, a trailing
 * slash does not matter.
 */
public final class ProfileAssignments {

    private static final ProfileAssignments NONE = new ProfileAssignments(Map.of());

    /** A profile and the base URL exactly as the admin wrote it (HealthLake's {@code aud} keeps its trailing slash). */
    private record Assignment(ResourceServerProfile profile, String writtenUrl) {
    }

    private final Map<String, Assignment> byServer;

    private ProfileAssignments(Map<String, Assignment> byServer) {
        this.byServer = byServer;
    }

    /** The assignments in {@code value}; pairs that do not parse are left out ({@link #problem} names them). */
    public static ProfileAssignments parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, Assignment> byServer = new LinkedHashMap<>();
        for (String pair : SpaceOrCommaList.split(value)) {
            int equals = pair.lastIndexOf('=');
            if (equals > 0) {
                String url = pair.substring(0, equals).trim();
                ResourceServerProfile.ofId(pair.substring(equals + 1))
                        .ifPresent(profile -> byServer.putIfAbsent(normalize(url), new Assignment(profile, url)));
            }
        }
        return new ProfileAssignments(Map.copyOf(byServer));
    }

    /** Why an admin-entered value cannot be meant, or empty when every pair reads. */
    public static Optional<String> problem(String value) {
        for (String pair : SpaceOrCommaList.split(value)) {
            int equals = pair.lastIndexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                return Optional.of("'" + pair + "' is not <FHIR base URL>=<profile>");
            }
            String profile = pair.substring(equals + 1);
            if (ResourceServerProfile.ofId(profile).isEmpty()) {
                return Optional.of("'" + profile + "' is not a profile; the profiles are "
                        + String.join(", ", ResourceServerProfile.ids()));
            }
        }
        return Optional.empty();
    }

    /** The profile of the FHIR server at this base URL. */
    public ResourceServerProfile forServer(String baseUrl) {
        Assignment assignment = baseUrl == null ? null : byServer.get(normalize(baseUrl));
        return assignment == null ? ResourceServerProfile.GENERIC : assignment.profile();
    }

    /**
     * The profile of a token for {@code audience} (the app's validated {@code aud}, or {@code null}): the profile of
     * the server it names; without one, the profile every FHIR server of the realm shares, else {@code generic}.
     */
    public ResourceServerProfile forToken(FhirBaseUrls servers, String audience) {
        if (audience != null && servers.matches(audience)) {
            return forServer(FhirBaseUrls.parse(audience).primary());
        }
        Set<ResourceServerProfile> profiles = EnumSet.noneOf(ResourceServerProfile.class);
        servers.asList().forEach(server -> profiles.add(forServer(server)));
        return profiles.size() == 1 ? profiles.iterator().next() : ResourceServerProfile.GENERIC;
    }

    /** Whether any FHIR base URL has a profile other than {@code generic}: if not, nothing needs the audience. */
    public boolean isEmpty() {
        return byServer.values().stream().allMatch(assignment -> assignment.profile() == ResourceServerProfile.GENERIC);
    }

    /** The base URL as the setting writes it, or {@code baseUrl} itself where the setting does not name it. */
    public String writtenAs(String baseUrl) {
        Assignment assignment = baseUrl == null ? null : byServer.get(normalize(baseUrl));
        return assignment == null ? baseUrl : assignment.writtenUrl();
    }

    private static String normalize(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
