package io.github.smartonkeycloak.core.scope;

/**
 * {@code launch} (EHR launch), {@code launch/patient}, {@code launch/encounter}, or {@code launch/<ResourceType>}
 * optionally with {@code ?role=<uri>} (SMART 2.2 fhirContext requests).
 *
 * @param type {@code null} for plain {@code launch}, else {@code patient}, {@code encounter} or a resource type
 * @param role the decoded role, or {@code null}
 */
public record LaunchScope(String text, String type, String role) implements SmartScope {

    public boolean isEhrLaunch() {
        return type == null;
    }
}
