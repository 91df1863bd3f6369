package io.github.smartonkeycloak.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An {@link AuditRecord} as a FHIR R4 {@code AuditEvent} in the shape of IHE Basic Audit Log Patterns: the kind's
 * type, subtypes and action; {@code recorded}; {@code outcome} (0 success, 4 minor failure, 8 serious failure for a
 * denied authorization, as BALP's AuthZconsent example); the agents (the user as requestor, the app, the EHR that asked
 * for a launch, the realm as authorization server); the realm as {@code source.observer}; and the entities (patient,
 * Consent, token, launch). Users and apps are named by id under the realm's issuer URL, never by name. No
 * {@code meta.profile} is claimed: BALP's profiles need parts Keycloak does not know, such as the user's organization.
 */
public final class BalpAuditEvent {

    static final String URI_SYSTEM = "urn:ietf:rfc:3986";
    static final String JTI_PREFIX = "urn:ietf:params:oauth:jti:";
    static final Coding USER = new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
            "information recipient");
    static final Coding APPLICATION = new Coding(Coding.DICOM, "110150", "Application");
    static final Coding SOURCE_ROLE = new Coding(Coding.DICOM, "110153", "Source Role ID");
    static final Coding AUTHORIZATION_SERVER = new Coding("http://terminology.hl7.org/CodeSystem/extra-security-role-type",
            "authserver", "authorization server");
    static final Coding SECURITY_SERVER = new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "6",
            "Security Server");
    static final Coding PERSON = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person");
    static final Coding SYSTEM_OBJECT = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2",
            "System Object");
    static final Coding CONSENT = new Coding("http://hl7.org/fhir/resource-types", "Consent", "Consent");
    static final Coding PATIENT_ROLE = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient");
    static final Coding DOMAIN_RESOURCE = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "4",
            "Domain Resource");
    static final Coding SECURITY_RESOURCE = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "13",
            "Security Resource");

    private static final ObjectMapper JSON = new ObjectMapper();

    private BalpAuditEvent() {
    }

    /** The AuditEvent as one line of JSON. */
    public static String write(AuditRecord record) {
        try {
            return JSON.writeValueAsString(toJson(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode toJson(AuditRecord record) {
        ObjectNode event = JSON.createObjectNode().put("resourceType", "AuditEvent");
        event.set("type", coding(record.kind().type()));
        ArrayNode subtypes = event.putArray("subtype");
        subtypes(record).forEach(subtype -> subtypes.add(coding(subtype)));
        event.put("action", record.kind().action());
        event.put("recorded", record.recorded().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("outcome", outcome(record));
        if (!record.success()) {
            event.put("outcomeDesc", record.error());
        }
        agents(record, event.putArray("agent"));
        event.set("source", source(record));
        ArrayNode entities = entities(record);
        if (!entities.isEmpty()) {
            event.set("entity", entities);
        }
        return event;
    }

    private static List<Coding> subtypes(AuditRecord record) {
        List<Coding> subtypes = new ArrayList<>(record.kind().subtypes());
        if (record.kind() == AuditEventKind.AUTHORIZATION) {
            subtypes.add(record.consentDecision() ? AuditEventKind.AUTHZ_CONSENT : AuditEventKind.AUTHZ_ROLE);
        }
        return subtypes;
    }

    private static String outcome(AuditRecord record) {
        if (record.success()) {
            return "0";
        }
        return record.kind() == AuditEventKind.AUTHORIZATION ? "8" : "4";
    }

    private static void agents(AuditRecord record, ArrayNode agents) {
        boolean launch = record.kind() == AuditEventKind.LAUNCH_CREATED;
        if (record.userId() != null) {
            ObjectNode who = JSON.createObjectNode();
            if (record.fhirUser() != null) {
                who.put("reference", record.fhirUser());
            }
            who.set("identifier", identifier(record.issuer(), record.userId()));
            // An EHR registers a launch for its user; everywhere else the user is the one who asked.
            agents.add(agent(USER, who, !launch));
        }
        if (record.requestingClientId() != null) {
            ObjectNode requester = agent(SOURCE_ROLE, whoIdentifier(record.issuer(), record.requestingClientId()), true);
            network(requester, record.clientAddress());
            agents.add(requester);
        }
        if (record.clientId() != null) {
            boolean appAsked = record.userId() == null && record.requestingClientId() == null;
            ObjectNode app = agent(APPLICATION, whoIdentifier(record.issuer(), record.clientId()), appAsked);
            if (record.requestingClientId() == null) {
                network(app, record.clientAddress());
            }
            agents.add(app);
        }
        agents.add(agent(AUTHORIZATION_SERVER, realm(record), false));
    }

    private static ObjectNode source(AuditRecord record) {
        ObjectNode source = JSON.createObjectNode();
        if (record.issuer() != null) {
            source.put("site", record.issuer());
        }
        source.set("observer", realm(record));
        source.putArray("type").add(coding(SECURITY_SERVER));
        return source;
    }

    private static ArrayNode entities(AuditRecord record) {
        ArrayNode entities = JSON.createArrayNode();
        if (record.patientId() != null) {
            entities.add(entity(PERSON, PATIENT_ROLE, reference("Patient/" + record.patientId())));
        }
        if (record.consentId() != null) {
            entities.add(entity(CONSENT, DOMAIN_RESOURCE, reference("Consent/" + record.consentId())));
        }
        if (record.tokenId() != null) {
            ObjectNode token = entity(SYSTEM_OBJECT, SECURITY_RESOURCE, whoIdentifier(null, JTI_PREFIX + record.tokenId()));
            if (record.grantType() != null) {
                token.putArray("detail").addObject().put("type", "grant_type").put("valueString", record.grantType());
            }
            entities.add(token);
        }
        if (record.launch() != null) {
            ObjectNode launch = entity(SYSTEM_OBJECT, null, whoIdentifier(Coding.PACK + "#launch", record.launch()));
            launch.put("name", "SMART launch (first characters of its id)");
            entities.add(launch);
        }
        return entities;
    }

    private static ObjectNode agent(Coding type, ObjectNode who, boolean requestor) {
        ObjectNode agent = JSON.createObjectNode();
        agent.putObject("type").putArray("coding").add(coding(type));
        agent.set("who", who);
        agent.put("requestor", requestor);
        return agent;
    }

    private static void network(ObjectNode agent, String address) {
        if (address != null) {
            // AuditEventAgentNetworkType 2: IP address.
            agent.putObject("network").put("address", address).put("type", "2");
        }
    }

    private static ObjectNode entity(Coding type, Coding role, ObjectNode what) {
        ObjectNode entity = JSON.createObjectNode();
        entity.set("what", what);
        entity.set("type", coding(type));
        if (role != null) {
            entity.set("role", coding(role));
        }
        return entity;
    }

    /** The realm, by its issuer URL. */
    private static ObjectNode realm(AuditRecord record) {
        ObjectNode who = record.issuer() == null ? JSON.createObjectNode() : whoIdentifier(URI_SYSTEM, record.issuer());
        return who.put("display", "Keycloak");
    }

    private static ObjectNode reference(String reference) {
        return JSON.createObjectNode().put("reference", reference);
    }

    private static ObjectNode whoIdentifier(String system, String value) {
        ObjectNode who = JSON.createObjectNode();
        who.set("identifier", identifier(system, value));
        return who;
    }

    private static ObjectNode identifier(String system, String value) {
        ObjectNode identifier = JSON.createObjectNode();
        if (system != null) {
            identifier.put("system", system);
        }
        return identifier.put("value", value);
    }

    /** A Coding; {@code agent.type} is a CodeableConcept and wraps it. */
    private static ObjectNode coding(Coding coding) {
        ObjectNode node = JSON.createObjectNode().put("system", coding.system()).put("code", coding.code());
        if (coding.display() != null) {
            node.put("display", coding.display());
        }
        return node;
    }
}
