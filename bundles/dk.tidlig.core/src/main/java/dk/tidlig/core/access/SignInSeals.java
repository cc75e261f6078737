// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.access;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Seals the short-lived state of a sign-in in progress (an OpenID Connect state, nonce and verifier) for a cookie, with a
 * key of its own derived from the installation's key file: every node of the installation opens what another sealed, so
 * a sign-in begun on one node finishes on the other, and across a restart. Authenticated: an altered or forged value
 * does not open.
 */
@ProviderType
public interface SignInSeals {

    /** The text sealed, as URL-safe Base64. */
    String seal(String text);

    /** The text a sealed value holds; empty when it is not one of this installation's, or altered. */
    Optional<String> open(String sealed);
}
