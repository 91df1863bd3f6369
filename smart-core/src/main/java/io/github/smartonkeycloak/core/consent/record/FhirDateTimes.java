package io.github.smartonkeycloak.core.consent.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * FHIR {@code dateTime} and {@code instant} values as instants. A partial date ({@code 2026}, {@code 2026-12},
 * {@code 2026-12-31}) stands for the whole year, month or day, in UTC: as a start it is the first moment, as an end the
 * moment after the last (an end of {@code 2022-12-31} lasts through that day, as FHIR's Period means it).
 */
final class FhirDateTimes {

    private FhirDateTimes() {
    }

    static Instant start(String value, String field) {
        return parse(value, field, false);
    }

    static Instant end(String value, String field) {
        return parse(value, field, true);
    }

    private static Instant parse(String value, String field, boolean end) {
        if (value == null) {
            return null;
        }
        try {
            if (value.contains("T")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return switch (value.length()) {
                case 4 -> day(end ? Year.parse(value).plusYears(1).atDay(1) : Year.parse(value).atDay(1));
                case 7 -> day(end ? YearMonth.parse(value).plusMonths(1).atDay(1) : YearMonth.parse(value).atDay(1));
                case 10 -> day(end ? LocalDate.parse(value).plusDays(1) : LocalDate.parse(value));
                default -> throw new IllegalArgumentException(field + " is not a FHIR dateTime");
            };
        } catch (DateTimeParseException e) {
            // The value itself stays out of the message: the caller may log it.
            throw new IllegalArgumentException(field + " is not a FHIR dateTime (a time needs seconds and a zone)", e);
        }
    }

    private static Instant day(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
