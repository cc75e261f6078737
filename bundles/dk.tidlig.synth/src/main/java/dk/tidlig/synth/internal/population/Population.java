// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.List;

import dk.tidlig.adapter.SyntheticData;

/**
 * A generated synthetic municipality: the data in common-model form, and the hidden truth about its
 * children that no source system holds (for evaluating models).
 *
 * @param data  persons, names, addresses, relations and risk events
 * @param truth one row per child aged 0-17 on the reference date, in the order of {@code data.persons()}
 */
public record Population(SyntheticData data, List<FamilyTruth> truth) {
}
