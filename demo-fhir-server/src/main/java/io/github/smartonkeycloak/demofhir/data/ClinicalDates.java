package io.github.smartonkeycloak.demofhir.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

/**
 * All generated dates count back from one fixed day, never from the clock, so a population is the same whenever it
 * is made. FHIR values are built from text with an explicit UTC offset, so the JVM's time zone plays no part.
 */
final class ClinicalDates {

    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 1, 1);

    private static final DateTimeFormatter INSTANT_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private ClinicalDates() {
    }

    static DateType date(LocalDate date) {
        return new DateType(date.toString());
    }

    static DateTimeType day(LocalDate date) {
        return new DateTimeType(date.toString());
    }

    static DateTimeType dateTime(LocalDateTime utc) {
        return new DateTimeType(INSTANT_TEXT.format(utc));
    }
}
