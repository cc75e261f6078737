// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.store.ScoringInput;
import dk.tidlig.store.ScoringInput.EventFacts;
import dk.tidlig.store.ScoringInput.PersonFacts;
import dk.tidlig.store.ScoringInput.RelationFacts;

/** The fingerprint written from the input's columns is the one its definition gives: the rows' text, line by line. */
class InputFingerprintTest {

    /** The definition: each row's fields as text, with Java's own conversions of dates, enums and absent values. */
    static String byDefinition(String tenant, LocalDate asOf, String modelDigest, ScoringInput input) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        List<String> lines = new ArrayList<>();
        lines.add("run|" + tenant + "|" + asOf + "|" + modelDigest);
        for (PersonFacts p : input.persons()) {
            lines.add("p|" + p.pid() + "|" + p.birthDate() + "|" + p.sex() + "|" + p.status() + "|" + p.municipalityCode() + "|"
                    + (p.household() == null ? "" : hex.formatHex(p.household())));
        }
        for (RelationFacts r : input.relations()) {
            lines.add("r|" + r.type() + "|" + r.from() + "|" + r.to() + "|" + r.start() + "|" + r.end());
        }
        for (EventFacts e : input.events()) {
            lines.add("e|" + e.sourceSystem() + "|" + e.sourceRecordId() + "|" + e.subject() + "|" + e.indicator() + "|" + e.start() + "|" + e.end());
        }
        for (String line : lines) {
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return hex.formatHex(sha.digest());
    }

    private static PersonId pid(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return PersonId.of(b);
    }

    private static LocalDate day(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> LocalDate.of(999, 12, 31).plusDays(random.nextInt(3)); // the years before 1000 and after 9999 as LocalDate writes them
            case 2 -> LocalDate.of(10_000, 1, 1).minusDays(random.nextInt(3));
            // either side of the ends of the table of days' text
            case 3 -> random.nextBoolean() ? LocalDate.of(InputFingerprint.FIRST_YEAR, 1, 1).minusDays(random.nextInt(2))
                    : LocalDate.of(InputFingerprint.LAST_YEAR, 12, 31).plusDays(random.nextInt(2));
            default -> LocalDate.of(1920, 1, 1).plusDays(random.nextInt(110 * 365));
        };
    }

    @Test
    void theColumnsGiveTheFingerprintOfTheRowsText() throws Exception {
        Random random = new Random(1864);
        List<PersonFacts> persons = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] household = random.nextInt(6) == 0 ? null : new byte[16];
            if (household != null) {
                household[random.nextInt(16)] = (byte) random.nextInt(40);
            }
            persons.add(new PersonFacts(pid(random), day(random), random.nextInt(4) == 0 ? null : Sex.values()[random.nextInt(Sex.values().length)],
                    random.nextInt(5) == 0 ? null : PersonStatus.values()[random.nextInt(PersonStatus.values().length)],
                    random.nextInt(5) == 0 ? null : random.nextBoolean() ? "159" : "Æ", household));
        }
        List<PersonId> anyone = new ArrayList<>(persons.stream().map(PersonFacts::pid).toList());
        anyone.add(pid(random)); // named by a relation and an event only
        List<RelationFacts> relations = new ArrayList<>();
        List<EventFacts> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            relations.add(new RelationFacts(RelationType.values()[random.nextInt(RelationType.values().length)], anyone.get(random.nextInt(anyone.size())),
                    anyone.get(random.nextInt(anyone.size())), day(random), day(random)));
            LocalDate start = day(random);
            events.add(new EventFacts(random.nextBoolean() ? "tandpleje" : "sundhedsplejen-ø", (random.nextBoolean() ? "rød-" : "") + random.nextInt(),
                    anyone.get(random.nextInt(anyone.size())), Indicator.values()[random.nextInt(Indicator.values().length)],
                    start == null ? LocalDate.of(2025, 1, 1) : start, day(random)));
        }
        ScoringInput input = ScoringInput.of(persons, relations, events);
        LocalDate asOf = LocalDate.of(2026, 12, 5);

        String fingerprint = InputFingerprint.of("159", asOf, "digest", input);
        assertThat(fingerprint).isEqualTo(byDefinition("159", asOf, "digest", input));

        // and it tells inputs apart: one relation's end a day later
        List<RelationFacts> changed = new ArrayList<>(relations);
        RelationFacts r = changed.get(1234);
        changed.set(1234, new RelationFacts(r.type(), r.from(), r.to(), r.start(), r.end() == null ? asOf : r.end().plusDays(1)));
        assertThat(InputFingerprint.of("159", asOf, "digest", ScoringInput.of(persons, changed, events))).isNotEqualTo(fingerprint);
        assertThat(InputFingerprint.of("159", asOf.plusDays(1), "digest", input)).isNotEqualTo(fingerprint);
    }
}
