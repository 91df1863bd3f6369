package io.github.smartonkeycloak.demofhir.search;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;

/**
 * Date search over a day-precision value such as a birth date. A search value stands for the whole year, month or day
 * it names ({@code birthdate=1985} is all of 1985); prefixes compare the day with that range. Works on calendar dates
 * only, so the JVM's time zone cannot shift a day.
 */
public final class DateMatch {

    private DateMatch() {
    }

    /** True when no range was given, or when {@code day} satisfies every bound of it. */
    public static boolean matches(DateRangeParam range, LocalDate day) {
        if (range == null) {
            return true;
        }
        for (DateParam bound : range.getValuesAsQueryTokens()) {
            if (!matches(bound, day)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(DateParam bound, LocalDate day) {
        String text = bound.getValueAsString();
        LocalDate first;
        LocalDate last;
        TemporalPrecisionEnum precision = bound.getPrecision();
        if (precision == TemporalPrecisionEnum.YEAR) {
            Year year = Year.parse(text.substring(0, 4));
            first = year.atDay(1);
            last = year.atMonth(12).atEndOfMonth();
        } else if (precision == TemporalPrecisionEnum.MONTH) {
            YearMonth month = YearMonth.parse(text.substring(0, 7));
            first = month.atDay(1);
            last = month.atEndOfMonth();
        } else {
            first = LocalDate.parse(text.substring(0, 10));
            last = first;
        }
        ParamPrefixEnum prefix = bound.getPrefix() == null ? ParamPrefixEnum.EQUAL : bound.getPrefix();
        boolean within = !day.isBefore(first) && !day.isAfter(last);
        switch (prefix) {
            case NOT_EQUAL:
                return !within;
            case GREATERTHAN:
            case STARTS_AFTER:
                return day.isAfter(last);
            case GREATERTHAN_OR_EQUALS:
                return !day.isBefore(first);
            case LESSTHAN:
            case ENDS_BEFORE:
                return day.isBefore(first);
            case LESSTHAN_OR_EQUALS:
                return !day.isAfter(last);
            case EQUAL:
            case APPROXIMATE:
            default:
                return within;
        }
    }
}
