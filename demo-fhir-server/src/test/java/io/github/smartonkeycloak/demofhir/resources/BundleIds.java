package io.github.smartonkeycloak.demofhir.resources;

import java.util.List;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** Reading search results out of a Bundle. */
final class BundleIds {

    private BundleIds() {
    }

    static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .collect(Collectors.toList());
    }

    static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .map(type::cast)
                .collect(Collectors.toList());
    }
}
