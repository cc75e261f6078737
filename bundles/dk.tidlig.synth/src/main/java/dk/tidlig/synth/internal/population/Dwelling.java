// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

/**
 * One dwelling: a house, or a flat in a block. All members of a household share one instance.
 *
 * @param written the written street address, e.g. "Egevej 12, 2. tv"
 */
record Dwelling(String streetCode, String houseNumber, String floor, String door, String written, String postalCode, String city) {
}
