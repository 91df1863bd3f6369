package io.github.smartonkeycloak.demofhir.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.QualifiedParamList;
import ca.uhn.fhir.rest.param.DateRangeParam;
import org.junit.jupiter.api.Test;

class DateMatchTest {

    private static final LocalDate BIRTH = LocalDate.of(1985, 3, 14);

    @Test
    void noRangeMatchesEverything() {
        assertThat(DateMatch.matches(null, BIRTH)).isTrue();
    }

    @Test
    void plainValueMatchesTheWholeYearMonthOrDayItNames() {
        assertThat(matches(BIRTH, "1985")).isTrue();
        assertThat(matches(BIRTH, "1985-03")).isTrue();
        assertThat(matches(BIRTH, "1985-03-14")).isTrue();
        assertThat(matches(BIRTH, "eq1985-03-14")).isTrue();
        assertThat(matches(BIRTH, "1985-04")).isFalse();
        assertThat(matches(BIRTH, "1985-03-15")).isFalse();
    }

    @Test
    void comparisonPrefixes() {
        assertThat(matches(BIRTH, "gt1985-03-13")).isTrue();
        assertThat(matches(BIRTH, "gt1985-03-14")).isFalse();
        assertThat(matches(BIRTH, "gt1985")).isFalse();
        assertThat(matches(BIRTH, "ge1985-03-14")).isTrue();
        assertThat(matches(BIRTH, "ge1985")).isTrue();
        assertThat(matches(BIRTH, "lt1985-03-14")).isFalse();
        assertThat(matches(BIRTH, "lt1985-03-15")).isTrue();
        assertThat(matches(BIRTH, "le1985-03-14")).isTrue();
        assertThat(matches(BIRTH, "le1985-02")).isFalse();
        assertThat(matches(BIRTH, "ne1985-03-14")).isFalse();
        assertThat(matches(BIRTH, "ne1986")).isTrue();
    }

    @Test
    void bothBoundsMustHold() {
        assertThat(matches(BIRTH, "ge1980", "lt1990")).isTrue();
        assertThat(matches(BIRTH, "ge1986", "lt1990")).isFalse();
        assertThat(matches(BIRTH, "ge1980", "lt1985-03-14")).isFalse();
    }

    @Test
    void aDateTimeSearchValueIsComparedByItsDay() {
        assertThat(matches(BIRTH, "1985-03-14T10:00:00Z")).isTrue();
        assertThat(matches(BIRTH, "ge1985-03-14T23:59:00+14:00")).isTrue();
    }

    private static boolean matches(LocalDate day, String... queryValues) {
        List<QualifiedParamList> parameters = new ArrayList<>();
        for (String value : queryValues) {
            parameters.add(QualifiedParamList.singleton(value));
        }
        DateRangeParam range = new DateRangeParam();
        range.setValuesAsQueryTokens(FhirContext.forR4Cached(), "birthdate", parameters);
        return DateMatch.matches(range, day);
    }
}
