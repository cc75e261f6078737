// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.RecordException;

class DelimitedLineTest {

    @Test
    void splitsPlainAndQuotedFields() throws RecordException {
        assertThat(DelimitedLine.split("a;b;c", ';')).containsExactly("a", "b", "c");
        assertThat(DelimitedLine.split("\"a;1\";\"say \"\"hi\"\"\";", ';')).containsExactly("a;1", "say \"hi\"", "");
        assertThat(DelimitedLine.split(";;", ';')).containsExactly("", "", "");
        assertThat(DelimitedLine.split("", ';')).containsExactly("");
    }

    @Test
    void brokenQuotesAreErrorsOfTheLine() {
        assertThatThrownBy(() -> DelimitedLine.split("a;\"open", ';')).isInstanceOf(RecordException.class)
                .hasMessage("field 2 opens a quote that is not closed on its line");
        assertThatThrownBy(() -> DelimitedLine.split("\"a\"b;c", ';')).hasMessage("field 1 has text after its closing quote");
    }

    @Test
    void quoteRoundTrips() throws RecordException {
        String[] values = {"plain", "semi;colon", "quote\"d", " padded "};
        StringBuilder line = new StringBuilder();
        for (String v : values) {
            line.append(line.length() == 0 ? "" : ";").append(DelimitedLine.quote(v, ';'));
        }
        assertThat(DelimitedLine.split(line.toString(), ';')).containsExactly(values);
    }
}
