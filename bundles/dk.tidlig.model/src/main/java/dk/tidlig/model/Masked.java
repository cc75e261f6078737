package dk.tidlig.model;

/** What {@code toString()} prints instead of personal data. */
final class Masked {
    static final String CPR = "******-****";
    static final String TEXT = "***";

    private Masked() {
    }
}
