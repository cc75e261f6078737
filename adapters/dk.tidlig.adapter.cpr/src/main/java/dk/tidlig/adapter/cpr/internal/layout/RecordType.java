// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal.layout;

import java.util.Arrays;
import java.util.Optional;

/**
 * The record types of the CPR extract that tidlig reads, with the fields it uses. Positions and lengths
 * follow the CPR office's record layout P12170 (as published in magenta-aps/cprbroker,
 * CPRDirect/XML/Definitions.xml; see ../shared/formats/cpr/Definitions.xml).
 */
public enum RecordType {

    /** Start record. */
    START("000", 35,
            f("RECORDTYPE", 1, 3, true), f("SORTFELT-10", 4, 10, false), f("OPGAVENR", 14, 6, true), f("PRODDTO", 20, 8, true),
            f("PRODDTOFORRIG", 28, 8, true)),
    /** Person: number, status, sex, birth date. */
    PERSON("001", 106,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("PNRGAELD", 14, 10, false), f("STATUS", 24, 2, true),
            f("STATUSHAENSTART", 26, 12, true), f("STATUSDTO_UMRK", 38, 1, false), f("KOEN", 39, 1, false), f("FOED_DT", 40, 10, false),
            f("FOED_DT_UMRK", 50, 1, false), f("START_DT-PERSON", 51, 10, false), f("SLUT_DT-PERSON", 62, 10, false),
            f("STILLING", 73, 34, false)),
    /** Current address, coded. */
    ADDRESS("002", 306,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("KOMKOD", 14, 4, true), f("VEJKOD", 18, 4, true), f("HUSNR", 22, 4, false),
            f("ETAGE", 26, 2, false), f("SIDEDOER", 28, 4, false), f("BNR", 32, 4, false), f("CONVN", 36, 34, false),
            f("TILFLYDTO", 70, 12, true), f("TILFLYDT_UMRK", 82, 1, false), f("TILFLYKOMDTO", 83, 12, true),
            f("FRAFLYKOMKOD", 96, 4, true), f("FRAFLYKOMDTO", 100, 12, true), f("START_DT-ADRTXT", 287, 10, false),
            f("SLET_DT-ADRTXT", 297, 10, false)),
    /** Current address, written out. */
    WRITTEN_ADDRESS("003", 249,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("ADRNVN", 14, 34, false), f("CONVN", 48, 34, false),
            f("LOKALITET", 82, 34, false), f("STANDARDADR", 116, 34, false), f("BYNVN", 150, 34, false), f("POSTNR", 184, 4, true),
            f("POSTDISTTXT", 188, 20, false), f("KOMKOD", 208, 4, true), f("VEJKOD", 212, 4, true), f("HUSNR", 216, 4, false),
            f("ETAGE", 220, 2, false), f("SIDEDOER", 222, 4, false), f("BNR", 226, 4, false), f("VEJADRNVN", 230, 20, false)),
    /** Current name. */
    NAME("008", 193,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("FORNVN", 14, 50, false), f("FORNVN_MRK", 64, 1, false),
            f("MELNVN", 65, 40, false), f("MELNVN_MRK", 105, 1, false), f("EFTERNVN", 106, 40, false), f("EFTERNVN_MRK", 146, 1, false),
            f("NVNHAENSTART", 147, 12, true), f("HAENSTART_UMRK-NAVNE", 159, 1, false), f("ADRNVN", 160, 34, false)),
    /** Current citizenship. */
    CITIZENSHIP("010", 30,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("LANDEKOD", 14, 4, true), f("HAENSTART-STATSBORGERSKAB", 18, 12, true),
            f("HAENSTART_UMRK-STATSBORGERSKAB", 30, 1, false)),
    /** Current civil status, with the spouse. */
    CIVIL_STATUS("012", 95,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("CIVST", 14, 1, false), f("AEGTEPNR", 15, 10, false),
            f("AEGTEFOED_DT", 25, 10, false), f("AEGTEFOEDDT_UMRK", 35, 1, false), f("AEGTENVN", 36, 34, false),
            f("AEGTENVN_MRK", 70, 1, false), f("HAENSTART-CIVILSTAND", 71, 12, true), f("HAENSTART_UMRK-CIVILSTAND", 83, 1, false),
            f("SEP_HENVIS-CIVILSTAND", 84, 12, false)),
    /** Current separation. */
    SEPARATION("013", 36,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("SEP_HENVIS-SEPARATION", 14, 12, false),
            f("START_DT-SEPARATION", 26, 10, false), f("START_DT_UMRK-SEPARATION", 36, 1, false)),
    /** One of the person's children. */
    CHILD("014", 23,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("PNRBARN", 14, 10, false)),
    /** The person's mother and father. */
    PARENTS("015", 147,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("MOR_DT", 14, 10, false), f("MOR_DT_UMRK", 24, 1, false),
            f("PNRMOR", 25, 10, false), f("MOR_FOED_DT", 35, 10, false), f("MOR_FOED_DT_UMRK", 45, 1, false), f("MORNVN", 46, 34, false),
            f("MORNVN_MRK", 80, 1, false), f("FAR_DT", 81, 10, false), f("FAR_DT_UMRK", 91, 1, false), f("PNRFAR", 92, 10, false),
            f("FAR_FOED_DT", 102, 10, false), f("FAR_FOED_DT_UMRK", 112, 1, false), f("FARNVN", 113, 34, false),
            f("FARNVN_MRK", 147, 1, false)),
    /** Parental custody of the person (a child), one record per holder. */
    CUSTODY("016", 58,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("RELTYP-FORAELDREMYN", 14, 4, true),
            f("START_DT-FORAELDREMYN", 18, 10, false), f("START_DT_UMRK-FORAELDREMYN", 28, 1, false),
            f("SLET_DT-FORAELDREMYN", 29, 10, false), f("RELPNR", 39, 10, false), f("START_DT-RELPNR_PNR", 49, 10, false)),
    /** An address the person lived at before, coded, with the days moved in and out. */
    PREVIOUS_ADDRESS("023", 96,
            f("RECORDTYPE", 1, 3, true), f("PNR", 4, 10, false), f("ANNKOR", 14, 1, false), f("KOMKOD", 15, 4, true), f("VEJKOD", 19, 4, true),
            f("HUSNR", 23, 4, false), f("ETAGE", 27, 2, false), f("SIDEDOER", 29, 4, false), f("BNR", 33, 4, false), f("CONVN", 37, 34, false),
            f("TILFLYDTO", 71, 12, true), f("TILFLYDT_UMRK", 83, 1, false), f("FRAFLYDTO", 84, 12, true), f("FRAFLYDTO_UMRK", 96, 1, false)),
    /** End record. */
    END("999", 21,
            f("RECORDTYPE", 1, 3, true), f("SORTFELT-10", 4, 10, false), f("TAELLER", 14, 8, true));

    private final String code;
    private final int length;
    private final java.util.Map<String, Field> byName;
    private final String blank;

    RecordType(String code, int length, Field... fields) {
        this.code = code;
        this.length = length;
        java.util.Map<String, Field> names = new java.util.HashMap<>();
        for (Field f : fields) {
            names.put(f.name(), f);
        }
        this.byName = java.util.Map.copyOf(names);
        this.blank = code + " ".repeat(length - code.length());
    }

    private static Field f(String name, int position, int length, boolean numeric) {
        return new Field(name, position, length, numeric);
    }

    /** The three-digit record type code at the start of each line. */
    public String code() {
        return code;
    }

    /** The record's length in characters. */
    public int length() {
        return length;
    }

    public Field field(String name) {
        Field f = name == null ? null : byName.get(name);
        if (f == null) {
            throw new IllegalArgumentException("record " + code + " has no field " + name);
        }
        return f;
    }

    /** A blank record of this type, to fill with {@link Field#write}. */
    public StringBuilder blank() {
        return new StringBuilder(blank);
    }

    /** Whether the record is of this type: its first three characters are this type's code. */
    public boolean isTypeOf(CharSequence record) {
        return record.length() >= 3 && record.charAt(0) == code.charAt(0) && record.charAt(1) == code.charAt(1) && record.charAt(2) == code.charAt(2);
    }

    private static final java.util.Map<String, RecordType> BY_CODE = java.util.Map.copyOf(Arrays.stream(values())
            .collect(java.util.stream.Collectors.toMap(RecordType::code, t -> t)));

    /** The type of the code ("001"), looked up once per line of an extract. */
    public static Optional<RecordType> of(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
    }
}
