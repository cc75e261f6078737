// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.util.List;

/** The rows one source line gave, stored or found duplicate as a unit. */
public record LineRows(long line, List<Row> rows) {
}
