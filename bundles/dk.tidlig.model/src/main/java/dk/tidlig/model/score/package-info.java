/**
 * Score runs and explained family scores.
 */
@Export
@Version("1.0.0")
package dk.tidlig.model.score;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
