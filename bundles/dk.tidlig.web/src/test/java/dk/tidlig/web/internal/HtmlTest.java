// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void everyValueIsEscapedUnlessItIsRenderedHtml() {
        Html row = Html.of("<td>{}</td>", "<script>alert('x')</script> & \"more\"");
        assertThat(row.toString()).isEqualTo("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</td>");
        assertThat(Html.of("<tr>{}</tr>", row)).hasToString("<tr>" + row + "</tr>");
        assertThat(Html.of("<ul>{}</ul>", List.of(Html.of("<li>{}</li>", "a<b"), Html.of("<li>{}</li>", 7)))).hasToString("<ul><li>a&lt;b</li><li>7</li></ul>");
        assertThat(Html.of("<a title=\"{}\">{}</a>", "\" onmouseover=\"x", null)).hasToString("<a title=\"&quot; onmouseover=&quot;x\"></a>");
    }

    @Test
    void theValuesMustMatchThePlaceholders() {
        assertThatThrownBy(() -> Html.of("<p>{}</p>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.of("<p></p>", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
