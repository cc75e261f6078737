// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The auditors' page says each entry of the outreach work, the sign-ins and the refusals in the user's words, and the codes
 * of the rest as words; the trail itself keeps what was written. The details here are as core and the web bundle write
 * them (WebIT reads the real ones on the page).
 */
class AuditDetailsTest {

    private static String da(String action, String detail) {
        return AuditDetails.shown(Texts.DA, action, detail);
    }

    @Test
    void theOutreachWorkReadsInDanish() {
        assertThat(da("STATE_CHANGE", "NEW -> ASSIGNED (opsoeger)")).isEqualTo("Ny → Tildelt (tildelt opsoeger)");
        assertThat(da("STATE_CHANGE", "ASSIGNED -> CONTACTED; contact by VISIT, with a note")).isEqualTo("Tildelt → Kontaktet; kontakt: Hjemmebesøg med notat");
        assertThat(da("STATE_CHANGE", "CONTACTED -> ACCEPTED, with the household")).isEqualTo("Kontaktet → Har taget imod hjælp, for hele husstanden");
        assertThat(da("REIDENTIFY", "purpose: PREPARE_CONTACT; 2 persons")).isEqualTo("formål: Forberede første kontakt; 2 personer vist");
        assertThat(da("EXPLANATION_VIEW", "score 3300, 4 contributions")).isEqualTo("3.300 point, 4 datapunkter");
        assertThat(da("LIST_VIEW", "25 households, 40 children")).isEqualTo("25 husstande, 40 børn");
        assertThat(da("LIST_VIEW", "no score run yet")).isEqualTo("endnu ingen kørsel");
        assertThat(da("DECLINE", "a household of 2 children declined (reason: NO_NEED); erased 2 score results, 3 case steps, 1 marks, 8 identity entries"
                + " and the link to its audit entries; kept off the lists until 2027-12-05")).isEqualTo("en husstand med 2 børn sagde nej tak (Har ikke "
                        + "brug for hjælp); slettet: 2 scoreresultater, 3 forløbstrin, 1 markeringer, 8 identitetsoplysninger og forbindelsen til dens "
                        + "logposter; holdt ude af listerne til 5. december 2027");
        assertThat(da("DECLINE", "a family declined (reason: NOT_STATED); erased 1 score results, 0 case steps, 0 marks, 3 identity entries; "
                + "not suppressed (no CPR number held); its place in the trial is kept without anything that names it"))
                .startsWith("en familie sagde nej tak (Ingen grund givet)").contains("intet CPR-nummer kendt").endsWith("navngiver den");
        assertThat(da("DISPUTE", "WRONG (OUTDATED): a data point from Sundhed")).isEqualTo("markeret (" + Texts.DA.get("dispute.reason.OUTDATED")
                + "): et datapunkt fra Sundhed");
        assertThat(da("DISPUTE", "DISPUTED: a data point from Tandpleje")).isEqualTo("markeret (bestridt af familien): et datapunkt fra Tandpleje");
        assertThat(da("DISPUTE_WITHDRAWN", "a mark withdrawn from a data point from Sundhed")).isEqualTo("markering trukket tilbage fra et datapunkt fra Sundhed");
    }

    @Test
    void signInsAndRefusalsReadInTheUsersLanguage() {
        assertThat(da("ACCESS_REFUSED", "the models page refused for role ANALYST")).isEqualTo("Modelsiden afvist for rollen Analytiker");
        assertThat(AuditDetails.shown(Texts.EN, "ACCESS_REFUSED", "re-identification refused for role AUDITOR"))
                .isEqualTo("Seeing who a family is refused for the role " + Pages.roleLabel(Texts.EN, dk.tidlig.core.access.Role.AUDITOR));
        assertThat(da("SIGN_IN", "local user")).isEqualTo("lokal bruger");
        assertThat(da("SIGN_OUT", "API token")).isEqualTo("API-nøgle");
        assertThat(da("SIGN_IN", "OpenID Connect")).isEqualTo("OpenID Connect");
        assertThat(da("SIGN_OUT", "")).isEmpty();
        assertThat(da("CONFIG_CHANGE", "password reset; the user's sessions end")).isEqualTo("adgangskoden nulstillet; brugerens sessioner slutter");
        assertThat(da("LIST_VIEW", "local user")).as("a fixed text of another action").isEqualTo("local user");
        assertThat(da("SIGN_IN", "SAML (KOMBIT Context Handler), assurance Substantial")).isEqualTo("KOMBIT (SAML), sikringsniveau Substantial");
    }

    @Test
    void theOperatorsEntriesReadInDanish() {
        assertThat(da("SCORE_RUN", "gladsaxe 2018-published-1 as of 2026-12-01, legal basis DEMO-SYNTHETIC: 1018 families scored, 76 flagged"))
                .isEqualTo("model gladsaxe 2018-published-1 pr. 1. december 2026, retsgrundlag DEMO-SYNTHETIC: 1.018 familier beregnet, 76 markeret");
        assertThat(da("ADAPTER_DEPLOYED", "version 0.2.0 (was 0.1.0) deployed")).isEqualTo("version 0.2.0 installeret (før 0.1.0)");
        assertThat(da("ADAPTER_DEPLOYED", "version 0.1.0 deployed")).isEqualTo("version 0.1.0 installeret");
        assertThat(da("ADAPTER_REMOVED", "removed from deploy/")).isEqualTo("fjernet fra deploy/");
        assertThat(da("QUARANTINE_OPENED", "line 1234 (quarantine 9) read: vendor ticket {0} 'x'"))
                .as("the reason as typed, braces and quotes too").isEqualTo("linje 1.234 (karantæne 9) læst: vendor ticket {0} 'x'");
        assertThat(da("QUARANTINE_RESOLVED", "3 quarantined lines resolved by delivery 12")).isEqualTo("3 linjer i karantæne rettet af leverance 12");
        assertThat(da("ACCESS_REPORT", "reference: AIN-2026-1; identity checked by MITID; 12 events, 2 score results; awaits review by a team "
                + "lead or an auditor")).startsWith("sagsnummer AIN-2026-1; identiteten kontrolleret ved " + Texts.DA.get("access.check.MITID"))
                .endsWith("afventer gennemsyn af en teamleder eller en revisor");
        assertThat(da("ACCESS_REPORT_REVIEW", "reference: AIN-2026-1 reviewed")).isEqualTo("sagsnummer AIN-2026-1 gennemset");
        assertThat(da("AUDIT_VIEW", "API, 100 entries")).isEqualTo("gennem API'et, 100 poster");
        assertThat(da("EXPORT", "audit trail as CSV requested; all actions")).isEqualTo("revisionssporet som CSV bestilt; all actions");
        assertThat(da("EXPORT", "audit trail as CSV: 2500 entries; action REIDENTIFY")).isEqualTo("revisionssporet som CSV: 2.500 poster; "
                + "action REIDENTIFY");
        assertThat(da("DELIVERY_OPENED", "written out in clear text by OS user ops: vendor ticket 17"))
                .isEqualTo("skrevet ud i klartekst af styresystemets bruger ops: vendor ticket 17");
        assertThat(da("DELIVERY_REPROCESSED", "read again through adapter dental by OS user ops"))
                .isEqualTo("læst igen gennem adapteren dental af styresystemets bruger ops");
        assertThat(da("KEYS_REKEYED", "the municipality's rows carried over to generation 2 of the household key by OS user ops; residence 99929"))
                .isEqualTo("kommunens rækker ført over til generation 2 af husstandsnøglen af styresystemets bruger ops; residence 99929");
        assertThat(da("KEYS_REKEYED", "carrying the municipality's rows over to generation 3 of the pseudonym key, by OS user ops"))
                .isEqualTo("kommunens rækker føres over til generation 3 af pseudonymnøglen, af styresystemets bruger ops");
        assertThat(da("CONFIG_CHANGE", "changed: offerOrder, capacityPerMonth")).isEqualTo("ændret: offerOrder, capacityPerMonth");
        assertThat(da("CONFIG_CHANGE", "local user added with role OUTREACH_WORKER")).isEqualTo("lokal bruger oprettet med rollen Opsøgende medarbejder");
        assertThat(da("CONFIG_CHANGE", "role changed from ANALYST to TEAM_LEAD; the user's sessions end"))
                .isEqualTo("rollen ændret fra Analytiker til Teamleder; brugerens sessioner slutter");
        assertThat(da("CONFIG_CHANGE", "1 signed-in session ended")).isEqualTo("1 session afsluttet");
        assertThat(da("CONFIG_CHANGE", "local user disabled")).isEqualTo("lokal bruger spærret");
        assertThat(da("ACTIVATION_REQUESTED", "activation 4 on evaluation 7, misses 2 minimums, with a justification"))
                .isEqualTo("aktivering 4 på evaluering 7, opfylder ikke 2 minimumskrav, med en begrundelse");
        assertThat(da("ACTIVATION_APPROVED", "activation 4 approved: this version scores from now on")).isEqualTo("aktivering 4 godkendt: denne "
                + "version beregner fra nu af");
        assertThat(da("ACTIVATION_REFUSED", "activation 4 refused: the groups are outside the band")).isEqualTo("aktivering 4 afvist: the groups are "
                + "outside the band");
        assertThat(da("EVIDENCE_EXPORT", "evaluation data of 2400 children as of 2025-06-30 written for outside audit"))
                .isEqualTo("evalueringsdata om 2.400 børn pr. 30. juni 2025 skrevet ud til ekstern revision");
        assertThat(da("SCORE_RUN", "gladsaxe 1 as of 2026-13-45, legal basis X: 1 families scored, 0 flagged")).as("a day that is not one: as written")
                .contains("2026-13-45");
    }

    @Test
    void anyOtherDetailIsShownAsWrittenWithItsCodesAsWords() {
        assertThat(da("CONFIG_CHANGE", "dk.tidlig.outreach: offerOrder RANKED -> LOTTERY")).as("not a code of tidlig's lists").contains("RANKED");
        assertThat(da("ACCESS_REFUSED", "model activation (only the officer decides) refused for role ADMINISTRATOR"))
                .isEqualTo("At godkende eller afvise en models aktivering afvist for rollen Administrator");
        assertThat(da("ACCESS_REFUSED", "something new refused for role ANALYST")).as("a refusal not known")
                .isEqualTo("something new refused for role Analytiker");
        assertThat(da("STATE_CHANGE", "something new: CLOSED by CSV")).as("a form not known").isEqualTo("something new: Afsluttet by CSV");
    }
}
