// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.route.AdapterRouteBuilder;
import dk.tidlig.model.Indicator;

/** The platform reads every adapter's inbox the same way: the configuration over the descriptor's defaults. */
class InboxSettingsTest {

    private static final AdapterDescriptor CPR_LIKE = new AdapterDescriptor("extract", "Register", "an extract", Set.of(),
            Set.of(DataCategory.IDENTITY), "testing", InboxDefaults.of("extract", "U12170-P.*").withEncoding("ISO-8859-1"));
    private static final UnaryOperator<String> HOME = k -> k.equals(InboxSettings.HOME_PROPERTY) ? "/opt/tidlig" : null;

    @Test
    void aConfigurationThatNamesOnlyTheMunicipalityTakesEveryOtherSettingFromTheDescriptor() {
        InboxSettings s = InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "0159"), HOME);
        assertThat(s.inbox()).isEqualTo(Path.of("/opt/tidlig/inbox/extract"));
        assertThat(s.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(s.include()).isEqualTo("U12170-P.*");
        assertThat(s.pollIntervalMs()).isEqualTo(InboxDefaults.POLL_INTERVAL_MS);
        assertThat(s.readLockMinAgeMs()).isEqualTo(InboxDefaults.READ_LOCK_MIN_AGE_MS);
        assertThat(s.municipalityCode()).as("a leading zero as in the CPR office's codes").isEqualTo("159");
        assertThat(s.poll()).isTrue();
    }

    @Test
    void whatTheConfigurationSaysWinsAndBlankCountsAsLeftOut() {
        InboxSettings s = InboxSettings.from(CPR_LIKE, Map.of("inbox", "/data/cpr", "encoding", "UTF-8", "include", " ", "pollIntervalMs", "250",
                "readLockMinAgeMs", 0L, "municipalityCode", "101", "dentalServiceTypes", "the adapter's own, ignored here"),
                k -> k.equals(InboxSettings.POLL_PROPERTY) ? "false" : null);
        assertThat(s.inbox()).isEqualTo(Path.of("/data/cpr"));
        assertThat(s.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(s.include()).isEqualTo("U12170-P.*");
        assertThat(s.pollIntervalMs()).isEqualTo(250);
        assertThat(s.readLockMinAgeMs()).isZero();
        assertThat(s.poll()).as("command mode").isFalse();
    }

    @Test
    void anSftpInboxTakesItsKeyAndKnownHostsFromTheConfigurationAndNeverShowsThePassphrase(@org.junit.jupiter.api.io.TempDir Path home)
            throws Exception {
        java.nio.file.Files.createDirectories(home.resolve("etc"));
        java.nio.file.Files.writeString(home.resolve("etc/id_cpr"), "a key");
        java.nio.file.Files.writeString(home.resolve("etc/known_hosts"), "a host key");
        UnaryOperator<String> props = k -> k.equals(InboxSettings.HOME_PROPERTY) ? home.toString() : null;
        Map<String, Object> config = new java.util.HashMap<>(Map.of("municipalityCode", "159", "inbox", "sftp://tidlig@sftp.serviceplatformen.dk/cpr/ud",
                "sftpPrivateKeyFile", "etc/id_cpr", "sftpKnownHostsFile", "etc/known_hosts", ".sftpKeyPassword", "hemmelig-frase"));
        InboxSettings s = InboxSettings.from(CPR_LIKE, config, props);
        assertThat(s.sftp().host()).isEqualTo("sftp.serviceplatformen.dk");
        assertThat(s.sftp().port()).isEqualTo(22);
        assertThat(s.sftp().user()).isEqualTo("tidlig");
        assertThat(s.sftp().directory()).isEqualTo("cpr/ud");
        assertThat(s.sftp().privateKeyFile()).isEqualTo(home.resolve("etc/id_cpr"));
        assertThat(s.sftp().keyPassword()).isEqualTo("hemmelig-frase");
        assertThat(s.location()).isEqualTo("sftp://tidlig@sftp.serviceplatformen.dk:22/cpr/ud");
        assertThat(s.toString()).doesNotContain("hemmelig-frase");
        assertThat(InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "159"), props).sftp()).as("a local folder").isNull();

        config.put("inbox", "sftp://tidlig:hemmelig@sftp.example.dk/cpr");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, config, props)).hasMessageStartingWith(
                "setting 'inbox' is not an SFTP location of the form sftp://user@host:port/folder (a password is never put in it")
                .hasMessageNotContaining("hemmelig");
        config.put("inbox", "sftp://tidlig@[::1]:2222/../etc");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, config, props)).hasMessageEndingWith("never '..'");
        config.put("inbox", "sftp://tidlig@sftp.example.dk/%2e%2e/etc");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, config, props)).as("no escapes either").hasMessageEndingWith("never '..'");
        config.put("inbox", "sftp://tidlig@sftp.example.dk/ud&privateKeyFile=/etc/shadow");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, config, props)).as("nor endpoint options").hasMessageEndingWith("never '..'");
        config.put("inbox", "sftp://tidlig@[::1]:2222/ud");
        assertThat(InboxSettings.from(CPR_LIKE, config, props).sftp().host()).isEqualTo("::1");
        config.remove("sftpKnownHostsFile");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, config, props))
                .hasMessage("setting 'sftpKnownHostsFile' is missing: an SFTP inbox needs it");
        config.put("sftpKnownHostsFile", "etc/nowhere");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, config, props)).hasMessageStartingWith("setting 'sftpKnownHostsFile': the file ")
                .hasMessageEndingWith("cannot be read");
    }

    @Test
    void aWrongSettingIsNamedInOneLine() {
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, Map.of(), HOME)).hasMessage("setting 'municipalityCode' is missing");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "15"), HOME))
                .hasMessage("setting 'municipalityCode' must be a three-digit municipality code");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "159", "encoding", "latin-9x"), HOME))
                .hasMessage("setting 'encoding': unknown character set latin-9x");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "159", "include", "(*.csv"), HOME))
                .hasMessageStartingWith("setting 'include' is not a regular expression");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "159", "pollIntervalMs", "5 s"), HOME))
                .hasMessage("setting 'pollIntervalMs' must be a whole number of milliseconds");
        assertThatThrownBy(() -> InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "159", "pollIntervalMs", 0), HOME))
                .hasMessage("setting 'pollIntervalMs' must be a positive number of milliseconds");
    }

    @Test
    void aCsvAdaptersDescriptorDefaultsToItsOwnFolderUtf8AndCsvFiles() {
        AdapterDescriptor d = new AdapterDescriptor("dental", "Tandpleje", "no-shows", Set.of(Indicator.CHILD_DENTAL_NO_SHOW),
                Set.of(DataCategory.HEALTH), "testing");
        assertThat(d.inbox()).isEqualTo(new InboxDefaults("inbox/dental", "UTF-8", ".*\\.csv", 5000, 10_000));
    }

    @Test
    void anAdapterGivesEitherAMapperOrADocumentReaderNeverBothOrNeither() {
        InboxSettings s = InboxSettings.from(CPR_LIKE, Map.of("municipalityCode", "159"), HOME);
        SourceAdapter neither = adapter(null, null);
        SourceAdapter both = adapter(() -> (line, sink) -> sink.skip(line), (file, charset, sink) -> { });
        assertThatThrownBy(() -> new AdapterRouteBuilder(neither, s, null)).hasMessageContaining("either a line mapper or a document reader");
        assertThatThrownBy(() -> new AdapterRouteBuilder(both, s, null)).hasMessageContaining("either a line mapper or a document reader");
        assertThat(new AdapterRouteBuilder(adapter(null, (file, charset, sink) -> { }), s, null).settings()).isSameAs(s);
    }

    private static SourceAdapter adapter(java.util.function.Supplier<LineMapper> mappers, DocumentReader reader) {
        return new SourceAdapter() {
            @Override
            public AdapterDescriptor descriptor() {
                return CPR_LIKE;
            }

            @Override
            public LineMapper newMapper() {
                return mappers == null ? null : mappers.get();
            }

            @Override
            public DocumentReader documentReader() {
                return reader;
            }

            @Override
            public ExportWriter exportWriter() {
                return (data, dir, random) -> List.of();
            }
        };
    }
}
