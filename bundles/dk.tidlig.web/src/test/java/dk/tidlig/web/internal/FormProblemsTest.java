// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dk.tidlig.core.InvalidRequestException;
import dk.tidlig.core.InvalidRequestException.Problem;
import dk.tidlig.core.transparency.Transparency;
import jakarta.servlet.http.HttpServletRequest;

/** A form with something to mend is shown again on its page: the problem tied to its field, what was typed put back. */
class FormProblemsTest {

    @AfterEach
    void forget() {
        FormProblems.CURRENT.remove();
    }

    /** A POST's parameters. */
    static HttpServletRequest posted(Map<String, String> parameters) {
        return (HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(FormProblemsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getMethod" -> "POST";
                    default -> null;
                });
    }

    @Test
    void eachFormIsShownAgainOnThePageThatHoldsIt() {
        HttpServletRequest none = posted(Map.of());
        assertThat(FormProblems.formPage("/family/F-BCDFG-HJKLM/state", none)).isEqualTo("/family/F-BCDFG-HJKLM");
        assertThat(FormProblems.formPage("/family/F-BCDFG-HJKLM/open", none)).isEqualTo("/family/F-BCDFG-HJKLM");
        assertThat(FormProblems.formPage("/family/F-BCDFG-HJKLM/assign", none)).isEqualTo("/");
        assertThat(FormProblems.formPage("/family/F-BCDFG-HJKLM/decline", posted(Map.of("version", "3"))))
                .isEqualTo("/family/F-BCDFG-HJKLM/decline?version=3");
        assertThat(FormProblems.formPage("/family/F-BCDFG-HJKLM/decline", posted(Map.of("version", "3&x=<script>"))))
                .as("only numbers go into the address").isEqualTo("/family/F-BCDFG-HJKLM");
        assertThat(FormProblems.formPage("/family/F-BCDFG-HJKLM/dispute", posted(Map.of("row", "2", "run", "7"))))
                .isEqualTo("/family/F-BCDFG-HJKLM/dispute?row=2&run=7");
        assertThat(FormProblems.formPage("/access", none)).isEqualTo("/access");
        assertThat(FormProblems.formPage("/models/request", none)).isEqualTo("/models");
        assertThat(FormProblems.formPage("/models/12/refuse", none)).isEqualTo("/models");
        assertThat(FormProblems.formPage("/deliveries/9/open", none)).isEqualTo("/deliveries/9");
        assertThat(FormProblems.formPage("/deliveries/9/resolve", none)).isEqualTo("/deliveries/9");
        assertThat(FormProblems.formPage("/language", none)).isNull();
        assertThat(FormProblems.formPage("/family/F-AAAAA-AAAAA/state", none)).as("not a family id").isNull();

        HttpServletRequest get = FormProblems.asGet(posted(Map.of("version", "9", "csrf", "t")), "/family/F-BCDFG-HJKLM/dispute?row=2&run=7");
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getParameter("row")).isEqualTo("2");
        assertThat(get.getParameter("version")).as("the POST's own fields are not the page's").isNull();
        assertThat(get.getQueryString()).isEqualTo("row=2&run=7");
    }

    @Test
    void everyProblemOfAFormFieldNamesAFieldThatAFormHas() {
        List<String> fields = List.of("purpose", "assignTo", "contactDate", "channel", "note", "reason", "identityCheck", "reference", "cpr",
                "justification", "by");
        for (Problem p : Problem.values()) {
            String field = FormProblems.field(p);
            if (field != null) {
                assertThat(fields).as(p.name()).contains(field);
            }
        }
        assertThat(Arrays.stream(Problem.values()).filter(p -> FormProblems.field(p) != null)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(FormProblems.field(new CasePages.Invalid("case.contact.channel.missing"))).isEqualTo("channel");
        assertThat(FormProblems.field(new CasePages.Invalid("case.notopen"))).as("nothing to mend in a field").isNull();
        assertThat(FormProblems.field(new IllegalArgumentException("x"))).isNull();
    }

    @Test
    void theFormComesBackWithTheProblemAtItsFieldAndWhatWasTypedButNeverACprNumber() {
        Map<String, String> sent = Map.of("reference", "just looking", "identityCheck", "MITID", "cpr", "0101004000", "csrf", "secret",
                "justification", "see 010190-1234 for why");
        Map<String, String> posted = FormProblems.posted(posted(sent));
        assertThat(posted).containsOnly(Map.entry("reference", "just looking"));
        InvalidRequestException e = new InvalidRequestException(Problem.REFERENCE_FORMAT, "AIN-ÅÅÅÅ-N");
        FormProblems.CURRENT.set(new FormProblems.Shown(FormProblems.field(e), Texts.DA.problem(e), posted, "/access"));
        Html form = Templates.render("access-form", new Scope(Texts.DA).with("csrf", "c").with("checks", Arrays.stream(
                Transparency.IdentityCheck.values()).map(c -> Scope.row("value", c.name(), "text", c.name())).toList()));
        assertThat(form.toString()).contains("id=\"reference\" required maxlength=\"40\" value=\"just looking\" aria-invalid=\"true\" "
                + "aria-describedby=\"problem\">").doesNotContain("0101004000").doesNotContain("secret");
        assertThat(form.toString().split("aria-invalid")).as("only the field at fault").hasSize(2);
        String page = new Pages(null).layout(Texts.DA, null, "Indsigt", form).toString();
        assertThat(page).contains("<div class=\"problem\" role=\"alert\"><h2>Formularen skal rettes</h2><p id=\"problem\">")
                .as("reload and Back show the form's page, and send nothing").contains("data-replace=\"/app/access\"");

        // a page whose scope is a plain map, the field inside one of its sections
        FormProblems.CURRENT.set(new FormProblems.Shown("purpose", "Vælg formålet", Map.of(), "/family/F-BCDFG-HJKLM"));
        Map<String, Object> family = new java.util.HashMap<>();
        family.put("open", Map.of("legend", "Åbn", "csrf", "c", "label", "Formål", "family", "F-BCDFG-HJKLM", "purposes", List.of(),
                "submit", "Åbn", "note", "n"));
        assertThat(Templates.render("family", family).toString()).contains("id=\"purpose\" required aria-invalid=\"true\" aria-describedby=\"problem\"");

        FormProblems.CURRENT.remove();
        String clean = Templates.render("access-form", new Scope(Texts.DA).with("csrf", "c").with("checks", List.of())).toString();
        assertThat(clean).doesNotContain("aria-invalid").contains("value=\"\"");
        assertThat(new Pages(null).layout(Texts.DA, null, "Indsigt", Html.trusted(clean)).toString()).doesNotContain("id=\"problem\"");
    }
}
