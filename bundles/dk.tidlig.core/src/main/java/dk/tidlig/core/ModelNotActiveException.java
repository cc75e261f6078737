// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

/**
 * No model may score: no version has been evaluated and activated (by an administrator, approved by a data protection
 * officer), or the model file was changed after its version was activated. The message says which, and what to do.
 */
public class ModelNotActiveException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ModelNotActiveException(String message) {
        super(message);
    }
}
