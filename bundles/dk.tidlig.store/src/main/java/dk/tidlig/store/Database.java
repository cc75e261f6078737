// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/** The tidlig database, migrated to the current schema, behind a connection pool. */
@ProviderType
public interface Database {

    DataSource dataSource();

    /** The schema version Flyway reports. */
    String schemaVersion();

    /** Server and database, for health output; never the password. */
    String describe();
}
