// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.io.ByteArrayOutputStream;

import org.osgi.service.component.annotations.Component;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import dk.tidlig.evidence.Documents;

/** PDF in memory with openhtmltopdf: no base address, so a document can load nothing from anywhere. */
@Component(service = Documents.class)
public class DocumentsImpl implements Documents {

    @Override
    public byte[] pdf(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useSVGDrawer(new BatikSVGDrawer());
            b.withHtmlContent(xhtml, null);
            b.toStream(out);
            b.run();
        } catch (java.io.IOException | RuntimeException e) {
            // the document's text may be personal data: the message says what failed, never what the document held
            throw new IllegalArgumentException("the document could not be rendered as PDF (" + e.getClass().getSimpleName() + ")");
        }
        return out.toByteArray();
    }
}
