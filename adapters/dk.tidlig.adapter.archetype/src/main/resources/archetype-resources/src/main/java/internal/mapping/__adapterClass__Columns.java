// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package ${package}.internal.mapping;

import java.util.List;

/** The columns of the export, as the vendor names them. Rename them to the vendor's headers. */
final class ${adapterClass}Columns {
    static final String CPR = "CPR-nummer";
    static final String START = "Startdato";
    static final String END = "Slutdato";
    static final String CODE = "Kode";
    static final String ID = "Id";

    /** In the order the export writes them. */
    static final List<String> ALL = List.of(CPR, START, END, CODE, ID);
    /** Those that must be there. */
    static final List<String> REQUIRED = List.of(CPR, START, ID);

    private ${adapterClass}Columns() {
    }
}
