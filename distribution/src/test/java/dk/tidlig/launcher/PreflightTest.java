// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;

/** The words for each way a connection fails, as the server and the driver report them. */
class PreflightTest {

    static final String FILE = "config/dk.tidlig.store.cfg";

    @Test
    void eachCauseSaysWhatToFixAndNeverShowsThePasswordOrTheUrlsOptions() {
        assertThat(Preflight.why(new SQLNonTransientConnectionException("Socket fail to connect", "08000", 0, new ConnectException("Connection refused")),
                "tidlig", "tidlig", FILE)).isEqualTo("the connection was refused (no database server listens at that host and port): fix url in "
                        + FILE + ", or start the database server");
        assertThat(Preflight.why(new SQLException("timed out", "08000", 0, new SocketTimeoutException()), "tidlig", "tidlig", FILE))
                .startsWith("no answer within 5 seconds");
        assertThat(Preflight.why(new SQLInvalidAuthorizationSpecException("(conn=8) Access denied for user 'tidlig'@'10.0.0.5' (using password: YES)",
                "28000", 1045), "tidlig", "tidlig", FILE)).isEqualTo("the server refused user 'tidlig': fix user or .password in " + FILE);
        assertThat(Preflight.why(new SQLException("Access denied for user 'tidlig'@'%' to database 'tidlig'", "42000", 1044), "tidlig", "tidlig", FILE))
                .startsWith("user 'tidlig' has no rights on the database 'tidlig': GRANT ALL ON tidlig.* TO 'tidlig'");
        assertThat(Preflight.why(new SQLException("(conn=3) Something unforeseen\nsecond line", "HY000", 9999), "tidlig", "tidlig", FILE))
                .isEqualTo("Something unforeseen: check " + FILE);
        assertThat(Preflight.withoutQuery("jdbc:mariadb://db:3306/tidlig?password=secret&connectTimeout=1")).isEqualTo("jdbc:mariadb://db:3306/tidlig");
        assertThat(Preflight.databaseName("jdbc:mariadb://db:3306/kommune_159?x=1")).isEqualTo("kommune_159");
    }
}
