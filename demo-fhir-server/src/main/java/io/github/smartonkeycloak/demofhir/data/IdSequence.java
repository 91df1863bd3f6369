package io.github.smartonkeycloak.demofhir.data;

/** Numbers the resources of one kind for one patient: {@code obs-p0001-1}, {@code obs-p0001-2}, ... */
final class IdSequence {

    private final String prefix;
    private int next = 1;

    IdSequence(String kind, String patientId) {
        this.prefix = kind + "-" + patientId + "-";
    }

    String next() {
        return prefix + next++;
    }
}
