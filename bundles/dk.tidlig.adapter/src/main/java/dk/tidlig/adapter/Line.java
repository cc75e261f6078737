package dk.tidlig.adapter;

/**
 * One physical line of a delivered file.
 *
 * @param number 1-based line number in the file
 * @param text   the decoded line without its line terminator
 */
public record Line(long number, String text) {
    @Override
    public String toString() {
        return "Line " + number; // the text may hold personal data
    }
}
