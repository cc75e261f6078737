// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import dk.tidlig.model.CprNumbers;

/** A database operation failed. The message names the operation and the database's reason. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String operation, Exception cause) {
        super(operation + " failed: " + CprNumbers.mask(cause.getMessage()), cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
