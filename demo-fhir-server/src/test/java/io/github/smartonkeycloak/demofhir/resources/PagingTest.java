package io.github.smartonkeycloak.demofhir.resources;

import static io.github.smartonkeycloak.demofhir.resources.BundleIds.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PagingTest {

    private static final int PATIENTS = 130;

    private static RunningDemo demo;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(PATIENTS));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void nextLinksWalkThroughEveryResultOnce() {
        List<String> seen = new ArrayList<>();
        Bundle page = demo.http().search("Patient?_count=7");
        int pages = 1;
        assertThat(page.getTotal()).isEqualTo(PATIENTS);
        while (true) {
            assertThat(page.getEntry()).hasSizeBetween(1, 7);
            seen.addAll(ids(page));
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (next == null) {
                break;
            }
            page = demo.http().search(next.getUrl());
            pages++;
        }

        assertThat(pages).isEqualTo((PATIENTS + 6) / 7);
        assertThat(seen).hasSize(PATIENTS).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void nextLinkNeedsATokenToo() {
        Bundle first = demo.http().search("Patient?_count=5");
        String next = first.getLink(Bundle.LINK_NEXT).getUrl();

        assertThat(demo.http().get(next).statusCode()).isEqualTo(401);
        assertThat(demo.http().getWithToken(next).statusCode()).isEqualTo(200);
    }

    @Test
    void defaultPageHoldsTwenty() {
        Bundle page = demo.http().search("Patient");

        assertThat(page.getEntry()).hasSize(20);
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
    }

    @Test
    void pageSizeIsCappedAtOneHundred() {
        assertThat(demo.http().search("Patient?_count=500").getEntry()).hasSize(100);
    }

    @Test
    void pagesOfOtherSearchesWorkAlike() {
        Bundle first = demo.http().search("Observation?patient=amy-shaw&_count=2");
        Bundle second = demo.http().search(first.getLink(Bundle.LINK_NEXT).getUrl());

        assertThat(ids(first)).hasSize(2);
        assertThat(ids(second)).isNotEmpty().doesNotContainAnyElementsOf(ids(first));
    }
}
