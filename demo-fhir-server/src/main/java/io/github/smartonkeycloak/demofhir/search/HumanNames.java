package io.github.smartonkeycloak.demofhir.search;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.StringType;

/** The name parts string searches look at. */
public final class HumanNames {

    private HumanNames() {
    }

    /** What {@code name} matches: every given name, family name and text. */
    public static List<String> allParts(List<HumanName> names) {
        List<String> parts = new ArrayList<>();
        for (HumanName name : names) {
            parts.add(name.getText());
            parts.add(name.getFamily());
            parts.addAll(givens(List.of(name)));
        }
        return parts;
    }

    public static List<String> families(List<HumanName> names) {
        List<String> families = new ArrayList<>();
        for (HumanName name : names) {
            families.add(name.getFamily());
        }
        return families;
    }

    public static List<String> givens(List<HumanName> names) {
        List<String> givens = new ArrayList<>();
        for (HumanName name : names) {
            for (StringType given : name.getGiven()) {
                givens.add(given.getValue());
            }
        }
        return givens;
    }
}
