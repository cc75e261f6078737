// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import dk.tidlig.core.scoring.PointModel;

/** The model the next score run uses (inside the core: for the model card). */
public interface ActiveModel {

    /**
     * @throws dk.tidlig.core.ModelNotActiveException when no evaluated, approved version of a configured model is active in the
     *                                                municipality; the message says why and what to do
     */
    PointModel activeModel(String municipalityCode);
}
