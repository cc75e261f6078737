// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Documents as PDF, rendered the way the evaluation reports and the impact assessments are (openhtmltopdf, with SVG
 * charts), for documents that must never be written to disk: a citizen's access report is made in memory and streamed.
 */
@ProviderType
public interface Documents {

    /**
     * @param xhtml a well-formed XHTML document, its styles inline and no external resource (nothing is fetched)
     * @return the PDF
     * @throws IllegalArgumentException when the document is not well-formed
     */
    byte[] pdf(String xhtml);
}
