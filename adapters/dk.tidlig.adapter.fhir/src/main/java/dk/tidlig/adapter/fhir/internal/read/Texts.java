// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

import dk.tidlig.adapter.DeliveredFile;

/** Strict decoding of delivered files. */
final class Texts {

    private Texts() {
    }

    /** A reader that refuses malformed input and drops a leading byte-order mark. */
    static BufferedReader reader(DeliveredFile file, Charset charset) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(file.open(),
                charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }
}
