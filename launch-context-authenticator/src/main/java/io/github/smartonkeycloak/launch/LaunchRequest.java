package io.github.smartonkeycloak.launch;

/** What an EHR registers: the app the launch is for, and the context it gets. */
public record LaunchRequest(String clientId, LaunchContext context) {
}
