package io.github.smartonkeycloak.demofhir.security;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/** What {@code patient/} scopes may reach: the data of the patient in context, and data about nobody in particular. */
final class PatientCompartment {

    private PatientCompartment() {
    }

    /** Whether a resource of the server's types is about {@code patientId}, or shared data no patient owns. */
    static boolean contains(Resource resource, String patientId) {
        if (resource instanceof Patient) {
            return patientId.equals(resource.getIdElement().getIdPart());
        }
        if (resource instanceof Observation observation) {
            return refersTo(observation.getSubject(), patientId);
        }
        if (resource instanceof Encounter encounter) {
            return refersTo(encounter.getSubject(), patientId);
        }
        if (resource instanceof Condition condition) {
            return refersTo(condition.getSubject(), patientId);
        }
        if (resource instanceof RelatedPerson person) {
            return refersTo(person.getPatient(), patientId);
        }
        if (resource instanceof Consent consent) {
            return refersTo(consent.getPatient(), patientId);
        }
        if (resource instanceof AuditEvent event) {
            // The R4 compartment: the patient as an agent, or as an entity the event is about.
            return event.getAgent().stream().anyMatch(agent -> refersTo(agent.getWho(), patientId))
                    || event.getEntity().stream().anyMatch(entity -> refersTo(entity.getWhat(), patientId));
        }
        // Shared data that SMART lets patient/ scopes read. Any other type is refused until it is listed here.
        return resource instanceof Practitioner;
    }

    private static boolean refersTo(Reference reference, String patientId) {
        return "Patient".equals(reference.getReferenceElement().getResourceType())
                && patientId.equals(reference.getReferenceElement().getIdPart());
    }
}
