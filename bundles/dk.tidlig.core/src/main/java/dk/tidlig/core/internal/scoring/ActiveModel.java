package dk.tidlig.core.internal.scoring;

/** The model the next score run uses (inside the core: for the model card). */
public interface ActiveModel {

    /**
     * @throws IllegalStateException when no valid model is active; the message says why
     */
    PointModel activeModel();
}
