// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

/**
 * How two persons are related. Every relation is directed: {@code from} is the parent, the custody
 * holder or the first spouse; {@code to} is the child or the other spouse.
 */
public enum RelationType {
    /** from is the mother of to (CPR 015, FHIR RelatedPerson MTH). */
    MOTHER_OF,
    /** from is the father of to (CPR 015, FHIR RelatedPerson FTH). */
    FATHER_OF,
    /** from is a parent of to, sex not stated (CPR 014). */
    PARENT_OF,
    /** from holds parental custody (forældremyndighed) of to (CPR 016, FHIR GUARD). */
    CUSTODY_HOLDER_OF,
    /** from and to are married or in registered partnership (CPR 012, FHIR SPS). */
    SPOUSE_OF,
    /** from and to live in the same household, as stated by a source (not derived from addresses). */
    SAME_HOUSEHOLD_AS,
    /**
     * The child's mother holds custody of it (CPR 016 type 0003, which names no holder): {@code from} and {@code to}
     * are both the child; the holder is whoever is its mother ({@link #MOTHER_OF}), wherever that stands.
     */
    CUSTODY_BY_MOTHER,
    /** The child's father holds custody of it (CPR 016 type 0004): as {@link #CUSTODY_BY_MOTHER}, through {@link #FATHER_OF}. */
    CUSTODY_BY_FATHER;

    /** True for relations that make {@code from} an adult of {@code to}'s family by parenthood. */
    public boolean isParenthood() {
        return this == MOTHER_OF || this == FATHER_OF || this == PARENT_OF;
    }

    /** True for the custody of a child by whoever is its mother or father, resolved through the parenthood relations. */
    public boolean isCustodyByParent() {
        return this == CUSTODY_BY_MOTHER || this == CUSTODY_BY_FATHER;
    }
}
