package io.github.smartonkeycloak.core.fhir;

/** What a picker shows of an encounter: its id, when it started, what kind it was and its status. */
public record EncounterSummary(String id, String start, String type, String status) {
}
