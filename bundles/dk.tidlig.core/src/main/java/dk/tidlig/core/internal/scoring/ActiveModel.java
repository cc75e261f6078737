package dk.tidlig.core.internal.scoring;

import dk.tidlig.core.scoring.PointModel;

/** The model the next score run uses (inside the core: for the model card). */
public interface ActiveModel {

    /**
     * @throws IllegalStateException when no valid model is active; the message says why
     */
    PointModel activeModel();
}
