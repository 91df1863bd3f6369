package io.github.smartonkeycloak.core.scope;

import java.util.Set;

import io.github.smartonkeycloak.core.fhir.FhirUser;

/** The non-resource scopes SMART names: {@code openid}, {@code fhirUser}, {@code profile}, {@code online_access}, {@code offline_access}. */
public record StandardScope(String text) implements SmartScope {

    public static final Set<String> NAMES = Set.of("openid", FhirUser.NAME, "profile", "online_access", "offline_access");

    static final int MAX_NAME_LENGTH = NAMES.stream().mapToInt(String::length).max().orElseThrow();
}
