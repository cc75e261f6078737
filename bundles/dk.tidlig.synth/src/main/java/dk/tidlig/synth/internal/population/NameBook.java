// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.SplittableRandom;

import dk.tidlig.model.Sex;

/**
 * Common Danish first, middle and last names, by the era a person was born in, plus a smaller set of
 * names common among Danes with roots elsewhere. Only common given names and surnames: the
 * combinations are random and belong to no one.
 */
final class NameBook {

    private static final String[] MALE_BEFORE_1965 = {"Poul", "Jørgen", "Ole", "Erik", "Hans", "Bent", "Niels", "Knud", "Preben",
        "Svend", "Leif", "Arne", "Flemming", "Finn", "Henning", "Kurt", "Bjarne", "Kaj", "Carsten", "Per"};
    private static final String[] MALE_BEFORE_2000 = {"Anders", "Lars", "Thomas", "Martin", "Michael", "Jesper", "Henrik", "Rasmus",
        "Søren", "Jacob", "Christian", "Morten", "Kasper", "Mads", "Jonas", "Nikolaj", "Simon", "Mikkel", "Brian", "Kenneth"};
    private static final String[] MALE_SINCE_2000 = {"William", "Noah", "Oscar", "Lucas", "Carl", "Victor", "Emil", "Malthe", "Alfred",
        "Oliver", "Magnus", "Frederik", "Aksel", "Valdemar", "Elias", "August", "Theo", "Villads", "Anton", "Arthur"};
    private static final String[] FEMALE_BEFORE_1965 = {"Kirsten", "Hanne", "Inge", "Karen", "Lis", "Birthe", "Grethe", "Jytte", "Bente",
        "Ruth", "Else", "Lone", "Susanne", "Gitte", "Annette", "Jette", "Merete", "Ulla", "Dorthe", "Vibeke"};
    private static final String[] FEMALE_BEFORE_2000 = {"Mette", "Camilla", "Louise", "Maria", "Charlotte", "Pernille", "Line", "Anne",
        "Katrine", "Stine", "Maja", "Sara", "Julie", "Trine", "Tina", "Helle", "Rikke", "Signe", "Marie", "Cecilie"};
    private static final String[] FEMALE_SINCE_2000 = {"Emma", "Ida", "Alma", "Clara", "Freja", "Ella", "Agnes", "Sofia", "Olivia",
        "Karla", "Josefine", "Laura", "Anna", "Luna", "Liva", "Nora", "Isabella", "Frida", "Asta", "Vigga"};
    private static final String[] MALE_INTERNATIONAL = {"Mohammad", "Ali", "Ahmad", "Omar", "Yusuf", "Hassan", "Mustafa", "Tomasz",
        "Piotr", "Andrei", "Ibrahim", "Karim"};
    private static final String[] FEMALE_INTERNATIONAL = {"Fatima", "Aisha", "Zainab", "Mariam", "Leyla", "Amina", "Natalia",
        "Agnieszka", "Elif", "Yasmin", "Noor", "Hiba"};
    private static final String[] MIDDLE = {"Holm", "Skov", "Lund", "Bach", "Dahl", "Kjær", "Krogh", "Juul", "Bruun", "Friis", "Brandt",
        "Vinther", "Munk", "Lind", "Hedegaard", "Vestergaard"};
    private static final String[] LAST_INTERNATIONAL = {"Ahmed", "Ali", "Hussein", "Hassan", "Yilmaz", "Khan", "Nowak", "Kowalski",
        "Öztürk", "Mohamed", "Abdi", "Popescu"};
    /** Surnames, the most frequent first. */
    private static final String[] LAST = {"Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
        "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller",
        "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Lund", "Holm", "Schmidt", "Eriksen", "Kristiansen", "Simonsen",
        "Clausen", "Svendsen", "Andreasen", "Iversen", "Jeppesen", "Mogensen", "Vestergaard", "Nissen", "Lauridsen", "Jespersen", "Kjær",
        "Dam", "Bach", "Skov", "Berg", "Østergaard", "Nørgaard", "Lauritsen", "Damgaard", "Bertelsen"};

    /** Share of households whose members carry international names. */
    static final double INTERNATIONAL_SHARE = 0.08;
    private static final double MIDDLE_NAME_SHARE = 0.18;
    private static final double DOUBLE_FIRST_NAME_SHARE = 0.12;

    private final Weighted<String> lastNames;
    private final SplittableRandom rng;

    NameBook(SplittableRandom rng) {
        this.rng = rng;
        Weighted.Builder<String> b = Weighted.builder();
        for (int i = 0; i < LAST.length; i++) {
            b.add(LAST[i], 1.0 / Math.pow(i + 1, 0.7)); // frequent names much more frequent
        }
        this.lastNames = b.build();
    }

    /** One or two first names for someone of that sex born in that year. */
    String firstNames(Sex sex, int birthYear, boolean international) {
        String first = oneFirstName(sex, birthYear, international);
        if (!international && Draws.chance(rng, DOUBLE_FIRST_NAME_SHARE)) {
            String second = oneFirstName(sex, birthYear, false);
            if (!second.equals(first)) {
                return first + " " + second;
            }
        }
        return first;
    }

    /** A middle name for some, null for most. */
    String middleName() {
        return Draws.chance(rng, MIDDLE_NAME_SHARE) ? MIDDLE[rng.nextInt(MIDDLE.length)] : null;
    }

    String lastName(boolean international) {
        return international ? LAST_INTERNATIONAL[rng.nextInt(LAST_INTERNATIONAL.length)] : lastNames.pick(rng);
    }

    private String oneFirstName(Sex sex, int birthYear, boolean international) {
        String[] list;
        if (international) {
            list = sex == Sex.MALE ? MALE_INTERNATIONAL : FEMALE_INTERNATIONAL;
        } else if (birthYear < 1965) {
            list = sex == Sex.MALE ? MALE_BEFORE_1965 : FEMALE_BEFORE_1965;
        } else if (birthYear < 2000) {
            list = sex == Sex.MALE ? MALE_BEFORE_2000 : FEMALE_BEFORE_2000;
        } else {
            list = sex == Sex.MALE ? MALE_SINCE_2000 : FEMALE_SINCE_2000;
        }
        return list[rng.nextInt(list.length)];
    }
}
