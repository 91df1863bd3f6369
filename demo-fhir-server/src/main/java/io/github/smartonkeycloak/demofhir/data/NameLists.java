package io.github.smartonkeycloak.demofhir.data;

import java.util.List;
import java.util.Random;

/** Built-in name lists; "Shaw" and "Jones" are left out so that searches for the demo records stay unambiguous. */
final class NameLists {

    static final List<String> FEMALE_GIVEN = List.of("Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia",
            "Charlotte", "Amelia", "Harper", "Evelyn", "Grace", "Chloe", "Nora", "Lily", "Zoe", "Hannah", "Leah", "Maya",
            "Priya", "Aisha");

    static final List<String> MALE_GIVEN = List.of("Liam", "Noah", "Oliver", "Elijah", "James", "William",
            "Benjamin", "Lucas", "Henry", "Theodore", "Jack", "Levi", "Samuel", "David", "Mateo", "Arjun", "Omar",
            "Daniel", "Ethan", "Caleb");

    static final List<String> FAMILY = List.of("Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis",
            "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Martin",
            "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright",
            "Nguyen", "Patel", "Kim", "Okafor");

    private NameLists() {
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
