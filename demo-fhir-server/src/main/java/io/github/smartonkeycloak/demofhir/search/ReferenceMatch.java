package io.github.smartonkeycloak.demofhir.search;

import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/** Reference search: {@code Patient/x}, a bare {@code x}, or an absolute URL ending in {@code Patient/x}. */
public final class ReferenceMatch {

    private ReferenceMatch() {
    }

    /** True when no parameter was given, or when {@code reference} points at the wanted resource. */
    public static boolean matches(ReferenceParam param, String targetType, Reference reference) {
        if (param == null) {
            return true;
        }
        String wantedType = param.getResourceType();
        if (wantedType != null && !wantedType.isEmpty() && !wantedType.equals(targetType)) {
            return false;
        }
        if (reference == null || !reference.hasReference()) {
            return false;
        }
        IdType actual = new IdType(reference.getReference());
        return targetType.equals(actual.getResourceType()) && param.getIdPart().equals(actual.getIdPart());
    }
}
