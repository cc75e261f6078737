package dk.tidlig.store;

/** A line kept aside: where it was, why, and the line itself encrypted. */
public record QuarantineRow(long line, String reason, Sealed rawLine) {
}
