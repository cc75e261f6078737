/**
 * The standard Camel routes of a file adapter.
 */
@Export
@Version("1.0.0")
package dk.tidlig.adapter.route;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
