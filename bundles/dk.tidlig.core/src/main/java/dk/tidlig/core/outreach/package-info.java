/** The outreach workflow: worklist, family view, case states, disputes and decline with erasure. */
@Export
@Version("3.0.0")
package dk.tidlig.core.outreach;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
