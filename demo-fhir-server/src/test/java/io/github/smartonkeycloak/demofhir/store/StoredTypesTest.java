package io.github.smartonkeycloak.demofhir.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.smartonkeycloak.demofhir.data.DemoRecords;
import io.github.smartonkeycloak.demofhir.support.FhirHttp;
import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consent and AuditEvent in HAPI's JPA store, over HTTP with the scope enforcement on: the writes and searches the
 * pack (its FHIR service client) and the demo backend client make, and what other tokens may not do.
 */
class StoredTypesTest {

    private static final String AMY = DemoRecords.AMY_ID;
    private static final String BEN = DemoRecords.BEN_ID;
    private static final String APPS = "http://localhost:8080/realms/smart/clients";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    private static RunningDemo demo;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(10).store(true));
        demo.keycloak()
                .grantServiceAccount("pack", "system/Consent.cru system/AuditEvent.c", "smart-fhir-reader")
                .grantServiceAccount("backend", "system/Consent.rs system/Consent.u system/AuditEvent.rs",
                        "demo-backend")
                .grant("amy", "openid launch/patient patient/Consent.rs", AMY)
                .grant("amy-writes", "patient/Consent.cru", AMY)
                .grant("user", "openid fhirUser user/Consent.rs user/AuditEvent.rs", null)
                .grant("user-with-system", "openid system/Consent.rs", null);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void thePackCreatesAConsentThatTheBackendFindsByPatientStatusAndActor() {
        String id = create("pack", consent(AMY, "app-one"));

        FhirHttp backend = as("backend");
        assertThat(ids(backend.search("Consent?patient=Patient/" + AMY + "&status=active"))).contains(id);
        assertThat(ids(backend.search("Consent?patient=" + AMY))).contains(id);
        assertThat(ids(backend.search("Consent?actor:identifier=" + APPS + "%7Capp-one"))).containsExactly(id);
        assertThat(ids(backend.search("Consent?actor:identifier=" + APPS + "%7Cno-such-app"))).isEmpty();
        assertThat(ids(backend.search("Consent?_lastUpdated=gt2020-01-01&status=active"))).contains(id);

        Consent read = backend.fetch("Consent/" + id, Consent.class);
        assertThat(read.getProvision().getActorFirstRep().getReference().getIdentifier().getValue())
                .isEqualTo("app-one");
    }

    @Test
    void aPutThatSetsTheStatusToInactiveWithdrawsTheConsent() {
        String id = create("pack", consent(AMY, "app-two"));
        FhirHttp backend = as("backend");
        String active = "Consent?status=active&actor:identifier=" + APPS + "%7Capp-two";
        assertThat(ids(backend.search(active))).containsExactly(id);
        Consent consent = backend.fetch("Consent/" + id, Consent.class);
        consent.setStatus(Consent.ConsentState.INACTIVE);

        HttpResponse<String> put = backend.write("PUT", "Consent/" + id, consent);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(ids(backend.search(active))).as("the same search again, not from a cache").isEmpty();
        assertThat(ids(backend.search("Consent?status=inactive&patient=" + AMY))).contains(id);
        assertThat(backend.fetch("Consent/" + id, Consent.class).getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void writesNeedTheirOwnPermission() {
        assertThat(as("backend").write("POST", "Consent", consent(AMY, "x")).statusCode()).isEqualTo(403);
        assertThat(as("backend").write("POST", "AuditEvent", auditEvent(AMY)).statusCode()).isEqualTo(403);
        assertThat(demo.http().write("POST", "Consent", consent(AMY, "x")).statusCode()).isEqualTo(403);
        assertThat(as("pack").getWithToken("AuditEvent").statusCode()).isEqualTo(403);
        assertThat(as("user-with-system").getWithToken("Consent").statusCode()).isEqualTo(403);
    }

    @Test
    void concurrentWritesAboutAPatientTheStoreHasNotSeenAllSucceed() throws Exception {
        String patient = "p0007";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                org.hl7.fhir.r4.model.Resource resource = i % 2 == 0 ? consent(patient, "app-race") : auditEvent(patient);
                writes.add(pool.submit(() -> as("pack").write("POST", resource.fhirType(), resource).statusCode()));
            }
            for (Future<Integer> write : writes) {
                assertThat(write.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids(as("backend").search("Consent?patient=" + patient))).hasSize(3);
    }

    @Test
    void anUpdateThatWouldCreateNeedsTheCreatePermission() {
        Consent fresh = consent(AMY, "app-seven");
        fresh.setId("consent-by-put");
        assertThat(as("backend").write("PUT", "Consent/consent-by-put", fresh).statusCode()).isEqualTo(403);
        assertThat(as("backend").getWithToken("Consent/consent-by-put").statusCode()).isEqualTo(404);
        assertThat(as("pack").write("PUT", "Consent/consent-by-put", fresh).statusCode()).isEqualTo(201);
    }

    @Test
    void deleteAndConditionalWritesAreRefused() {
        String id = create("pack", consent(BEN, "app-three"));
        FhirHttp pack = as("pack");
        assertThat(pack.write("DELETE", "Consent/" + id, "").statusCode()).isEqualTo(403);
        assertThat(pack.write("PUT", "Consent?patient=" + BEN, consent(BEN, "app-three")).statusCode())
                .isEqualTo(403);
        assertThat(as("backend").fetch("Consent/" + id, Consent.class).getStatus())
                .isEqualTo(Consent.ConsentState.ACTIVE);
    }

    @Test
    void patientScopesReachOnlyThePatientsConsents() {
        String amys = create("pack", consent(AMY, "app-four"));
        String bens = create("pack", consent(BEN, "app-four"));
        FhirHttp amy = as("amy");

        Bundle all = amy.search("Consent?_count=100");
        assertThat(ids(all)).contains(amys).doesNotContain(bens);
        assertThat(all.getTotal()).isEqualTo(all.getEntry().size());
        assertThat(ids(amy.search("Consent?patient=" + BEN))).isEmpty();
        assertThat(amy.getWithToken("Consent/" + amys).statusCode()).isEqualTo(200);
        assertThat(amy.getWithToken("Consent/" + bens).statusCode()).isEqualTo(404);
        assertThat(amy.getWithToken("AuditEvent").statusCode()).isEqualTo(403);
    }

    @Test
    void patientScopesWriteOnlyInsideTheCompartment() {
        FhirHttp amy = as("amy-writes");
        assertThat(amy.write("POST", "Consent", consent(AMY, "app-five")).statusCode()).isEqualTo(201);
        assertThat(amy.write("POST", "Consent", consent(BEN, "app-five")).statusCode()).isEqualTo(403);

        String bens = create("pack", consent(BEN, "app-five"));
        Consent takeover = consent(AMY, "app-five");
        takeover.setId(bens);
        assertThat(amy.write("PUT", "Consent/" + bens, takeover).statusCode()).isEqualTo(403);
        assertThat(as("backend").fetch("Consent/" + bens, Consent.class).getPatient().getReference())
                .isEqualTo("Patient/" + BEN);
    }

    @Test
    void auditEventsAreWrittenByThePackAndSearchedByTheBackend() {
        String id = create("pack", auditEvent(AMY));
        FhirHttp backend = as("backend");

        assertThat(backend.fetch("AuditEvent/" + id, AuditEvent.class).getOutcome())
                .isEqualTo(AuditEvent.AuditEventOutcome._0);
        for (String query : List.of("patient=" + AMY, "entity=Patient/" + AMY, "date=gt2020-01-01",
                "type=" + DCM + "%7C110114", "subtype=https://profiles.ihe.net/ITI/BALP/CodeSystem/RestfulInteraction%7Cread",
                "agent:identifier=" + APPS + "%7Capp-six")) {
            assertThat(ids(backend.search("AuditEvent?" + query))).as(query).contains(id);
        }
        assertThat(ids(as("user").search("AuditEvent?patient=" + BEN))).doesNotContain(id);
    }

    private static String create(String token, org.hl7.fhir.r4.model.Resource resource) {
        HttpResponse<String> created = as(token).write("POST", resource.fhirType(), resource);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return FhirHttp.parse(created.body(), resource.getClass()).getIdElement().getIdPart();
    }

    static Consent consent(String patient, String clientId) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        consent.setPatient(new Reference("Patient/" + patient));
        consent.setDateTime(new Date());
        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType(Consent.ConsentProvisionType.PERMIT);
        provision.addActor()
                .setRole(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                .setReference(new Reference().setIdentifier(new Identifier().setSystem(APPS).setValue(clientId)));
        return consent;
    }

    static AuditEvent auditEvent(String patient) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(DCM, "110114", "User Authentication"));
        event.addSubtype(new Coding("https://profiles.ihe.net/ITI/BALP/CodeSystem/RestfulInteraction", "read", null));
        event.setAction(AuditEvent.AuditEventAction.E);
        event.setRecorded(new Date());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent().setRequestor(true)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(APPS).setValue("app-six")));
        event.getSource().setObserver(new Reference().setDisplay("keycloak"));
        event.addEntity().setWhat(new Reference("Patient/" + patient));
        return event;
    }

    private static FhirHttp as(String token) {
        return demo.http().withToken(token);
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }
}
