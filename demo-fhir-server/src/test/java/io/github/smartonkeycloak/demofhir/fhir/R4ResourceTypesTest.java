package io.github.smartonkeycloak.demofhir.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.github.smartonkeycloak.core.scope.ResourceTypes;
import org.junit.jupiter.api.Test;

/** The scope engine's default list of supported resource types is exactly FHIR R4's, as HAPI's R4 model defines it. */
class R4ResourceTypesTest {

    @Test
    void theScopeEnginesR4ListMatchesHapisR4Model() {
        assertThat(ResourceTypes.R4).containsExactlyInAnyOrderElementsOf(FhirContext.forR4Cached().getResourceTypes());
    }
}
