package io.github.smartonkeycloak.core.consent.record;

import static io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind.DENIED;
import static io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind.NONE;
import static io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind.PERMITTED;
import static io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsentJudgeTest {

    private static final String SYSTEM = "https://kc.example/realms/smart/clients";
    private static final String APP = "growth-chart";
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private static final List<String> GRANTED = List.of("openid", "launch/patient", "patient/Patient.rs", LAB);

    @Test
    void anActivePermitThatCoversTheGrantPermitsIt() {
        ConsentVerdict verdict = judge(List.of(permit("c1", List.of("openid", "launch/patient", "patient/*.read"))), GRANTED);

        assertThat(verdict).isEqualTo(new ConsentVerdict(PERMITTED, "c1", "consent c1 permits client growth-chart"));
        assertThat(verdict.isPermitted()).isTrue();
    }

    @Test
    void wildcardsV1AndGranularScopesAreJudgedByCoverage() {
        ConsentRecord granular = permit("c1", List.of(LAB));

        assertThat(judge(List.of(granular), List.of(LAB)).kind()).isEqualTo(PERMITTED);
        assertThat(judge(List.of(granular), List.of(LAB.replace(".rs", ".r"))).kind()).isEqualTo(PERMITTED);
        assertThat(judge(List.of(granular), List.of("patient/Observation.rs")).kind()).isEqualTo(WITHDRAWN);
        assertThat(judge(List.of(permit("c2", List.of("patient/*.rs"))), List.of("patient/Observation.read")).kind())
                .isEqualTo(PERMITTED);
        assertThat(judge(List.of(permit("c3", List.of("patient/*.read"))), List.of("user/Observation.rs")).kind())
                .as("another SMART context").isEqualTo(WITHDRAWN);
        assertThat(judge(List.of(permit("c4", List.of("patient/*.read"))), List.of("patient/Observation.write")).kind())
                .isEqualTo(WITHDRAWN);
        assertThat(judge(List.of(permit("c5", List.of("patient/*.read"))), List.of("patient/Observation.rx")).kind())
                .as("a malformed resource scope is never covered").isEqualTo(WITHDRAWN);
    }

    @Test
    void offlineAccessNeedsTheRecordsOfflineFlag() {
        List<String> offlineGrant = List.of("offline_access", "patient/Patient.rs");
        ConsentRecord online = record("c1", "active", ConsentProvisionType.PERMIT, List.of(SYSTEM + "|" + APP), null,
                List.of("offline_access", "patient/Patient.rs"), false, false);

        ConsentVerdict verdict = judge(List.of(online), offlineGrant);

        assertThat(verdict.kind()).isEqualTo(WITHDRAWN);
        assertThat(verdict.reason()).isEqualTo("consent c1 does not cover scope offline_access for client growth-chart");
        assertThat(judge(List.of(online), List.of("patient/Patient.rs")).kind()).isEqualTo(PERMITTED);
    }

    @Test
    void aRecordForTheAppThatNoLongerHoldsIsAWithdrawal() {
        List<String> all = List.of("openid", "launch/patient", "patient/*.rs");
        assertWithdrawn(record("c1", "inactive", ConsentProvisionType.PERMIT, app(), null, all, false, false), "consent c1 is inactive");
        assertWithdrawn(record("c1", "rejected", ConsentProvisionType.PERMIT, app(), null, all, false, false), "consent c1 is rejected");
        assertWithdrawn(record("c1", "active", ConsentProvisionType.PERMIT, app(), NOW, all, false, false), "consent c1 has ended");
        assertWithdrawn(new ConsentRecord("c1", "active", true, "85", null, ConsentProvisionType.PERMIT, app(), null,
                NOW.plusSeconds(1), null, all, false, false, null), "consent c1 has not begun");
        assertWithdrawn(record("c1", "active", ConsentProvisionType.PERMIT, app(), null, all, false, true), "consent c1 has a nested deny");
        assertWithdrawn(record("c1", "active", null, app(), null, all, false, false), "consent c1 has no permit provision");
        assertWithdrawn(permit("c1", List.of("openid", "launch/patient", "patient/Patient.rs")), "consent c1 does not cover scope " + LAB);
    }

    @Test
    void aDenyForTheAppOrForEveryAppWinsOverAnyPermit() {
        ConsentRecord permit = permit("p1", List.of("openid", "launch/patient", "patient/*.rs"));
        ConsentRecord denyApp = record("d1", "active", ConsentProvisionType.DENY, app(), null, List.of(), false, false);
        ConsentRecord denyAll = record("d2", "active", ConsentProvisionType.DENY, List.of(), null, List.of(), false, false);

        assertThat(judge(List.of(permit, denyApp), GRANTED))
                .isEqualTo(new ConsentVerdict(DENIED, "d1", "consent d1 denies client growth-chart"));
        assertThat(judge(List.of(denyAll, permit), GRANTED))
                .isEqualTo(new ConsentVerdict(DENIED, "d2", "consent d2 denies every app"));
        assertThat(judge(List.of(denyAll), GRANTED).kind()).as("a standing preference, before any record of the app")
                .isEqualTo(DENIED);
    }

    @Test
    void aDenyThatDoesNotApplyDeniesNothing() {
        ConsentRecord permit = permit("p1", List.of("openid", "launch/patient", "patient/*.rs"));
        List<ConsentRecord> records = List.of(permit,
                record("d1", "active", ConsentProvisionType.DENY, List.of(SYSTEM + "|other-app"), null, List.of(), false, false),
                record("d2", "active", ConsentProvisionType.DENY, List.of("Practitioner/12"), null, List.of(), false, false),
                record("d3", "inactive", ConsentProvisionType.DENY, app(), null, List.of(), false, false),
                record("d4", "active", ConsentProvisionType.DENY, app(), NOW.minusSeconds(1), List.of(), false, false),
                record("d5", "entered-in-error", ConsentProvisionType.DENY, List.of(), null, List.of(), false, false),
                new ConsentRecord("d6", "active", false, "85", null, ConsentProvisionType.DENY, List.of(), null, null, null,
                        List.of(), false, false, null));

        assertThat(judge(records, GRANTED).kind()).isEqualTo(PERMITTED);
    }

    @Test
    void withoutARecordForTheAppThereIsNone() {
        assertThat(judge(List.of(), GRANTED)).isEqualTo(new ConsentVerdict(NONE, null, "no consent names client growth-chart"));
        ConsentRecord otherApp = record("c1", "active", ConsentProvisionType.PERMIT, List.of(SYSTEM + "|other-app"), null,
                GRANTED, false, false);
        ConsentRecord otherSystem = record("c2", "active", ConsentProvisionType.PERMIT, List.of("urn:other|" + APP), null,
                GRANTED, false, false);
        ConsentRecord inError = record("c3", "entered-in-error", ConsentProvisionType.PERMIT, app(), null, GRANTED, false, false);
        assertThat(judge(List.of(otherApp, otherSystem, inError), GRANTED).kind()).isEqualTo(NONE);
    }

    @Test
    void theNewestRecordDecidesAWithdrawalAndIsTheOneToUpdate() {
        ConsentRecord older = new ConsentRecord("old", "inactive", true, "85", null, ConsentProvisionType.PERMIT, app(),
                NOW.minus(Duration.ofDays(9)), null, null, List.of(), false, false, NOW.minus(Duration.ofDays(9)));
        ConsentRecord newer = new ConsentRecord("new", "active", true, "85", null, ConsentProvisionType.PERMIT, app(),
                NOW.minus(Duration.ofDays(1)), null, null, List.of("patient/Patient.rs"), false, false, NOW.minus(Duration.ofDays(1)));
        ConsentRecord deny = new ConsentRecord("deny", "inactive", true, "85", null, ConsentProvisionType.DENY, app(),
                NOW, null, null, List.of(), false, false, NOW);

        assertThat(judge(List.of(older, newer, deny), GRANTED).recordId()).isEqualTo("deny");
        assertThat(judge(List.of(older, newer), GRANTED).recordId()).isEqualTo("new");
        assertThat(ConsentJudge.recordToUpdate(List.of(older, deny, newer), SYSTEM, APP)).contains(newer);
        assertThat(ConsentJudge.recordToUpdate(List.of(deny), SYSTEM, APP)).isEmpty();
    }

    @Test
    void aPcfBasicRejectIsAStandingDenyAndAnExpiredPcfPermitDoesNotLastForever() {
        String reject = """
                {"resourceType": "Consent", "id": "ex-consent-basic-reject", "status": "active",
                 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
                 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
                 "patient": {"reference": "Patient/ex-patient"}, "dateTime": "2022-06-13",
                 "policy": [{"uri": "http://example.org/policies/basePrivacyConsentPolicy.txt"}],
                 "provision": {"type": "deny",
                   "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT"}]}}""";

        assertThat(judge(List.of(ConsentResource.parse(reject)), GRANTED))
                .isEqualTo(new ConsentVerdict(DENIED, "ex-consent-basic-reject", "consent ex-consent-basic-reject denies every app"));
        ConsentRecord expired = ConsentResource.parse(reject.replace("\"deny\"", "\"permit\"")
                .replace("\"type\": \"permit\",", "\"type\": \"permit\", \"period\": {\"end\": \"2022-12-31\"},"));
        assertThat(expired.isInForce(NOW)).isFalse();
        assertThat(judge(List.of(expired), GRANTED).kind()).as("names no app: not the app's record").isEqualTo(NONE);
    }

    @Test
    void reasonsCarryIdsAndCodesButNoPatientData() {
        List<ConsentVerdict> verdicts = new ArrayList<>();
        ConsentRecord permit = permit("c1", GRANTED);
        verdicts.add(judge(List.of(permit), GRANTED));
        verdicts.add(judge(List.of(record("c1", "some status <script>", ConsentProvisionType.PERMIT, app(), null, GRANTED, false, false)),
                GRANTED));
        verdicts.add(judge(List.of(record(null, "active", ConsentProvisionType.DENY, List.of(), null, List.of(), false, false)), GRANTED));
        verdicts.add(judge(List.of(), GRANTED));

        assertThat(verdicts).extracting(ConsentVerdict::reason).noneMatch(reason -> reason.contains("85"))
                .noneMatch(reason -> reason.contains("<script>"))
                .contains("consent c1 is (unknown status) for client growth-chart", "consent (no id) denies every app");
    }

    private static void assertWithdrawn(ConsentRecord record, String reason) {
        assertThat(judge(List.of(record), GRANTED)).isEqualTo(new ConsentVerdict(WITHDRAWN, "c1", reason + " for client " + APP));
    }

    private static ConsentVerdict judge(List<ConsentRecord> records, List<String> granted) {
        return ConsentJudge.judge(records, SYSTEM, APP, granted, NOW);
    }

    private static List<String> app() {
        return List.of(SYSTEM + "|" + APP);
    }

    private static ConsentRecord permit(String id, List<String> scopes) {
        return record(id, "active", ConsentProvisionType.PERMIT, app(), null, scopes, false, false);
    }

    private static ConsentRecord record(String id, String status, ConsentProvisionType type, List<String> actors,
            Instant periodEnd, List<String> scopes, boolean offline, boolean nestedDeny) {
        return new ConsentRecord(id, status, true, "85", "Patient/85", type, actors, NOW.minus(Duration.ofDays(1)),
                NOW.minus(Duration.ofDays(1)), periodEnd, scopes, offline, nestedDeny, null);
    }
}
