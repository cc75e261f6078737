// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.route;

import java.time.Duration;
import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.component.file.remote.strategy.SftpChangedExclusiveReadLockStrategy;
import org.apache.camel.component.file.strategy.GenericFileDeleteProcessStrategy;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.model.CprNumbers;

/**
 * An inbox on an SFTP server (Camel's {@code sftp} component), with the local inbox's semantics: a file is read only
 * once it has not changed for {@code readLockMinAgeMs}; it is claimed by an atomic rename to a hidden name on the server,
 * so two tidlig nodes polling the same server receive each file once; its content is streamed from the server straight
 * into the sealed archive of deliveries (never written to local disk); and the claimed file is deleted from the server
 * when the delivery ends. A file that could not be sealed goes back to its name and is tried again; a claim left by a node
 * that died goes back to its name once it is older than an hour, when a node starts or (at most every five minutes) when
 * the next file is read.
 *
 * <p>tidlig signs in with a private key and accepts only the host key in the configured known_hosts file.
 */
final class SftpInbox {

    private static final Logger LOG = LoggerFactory.getLogger(SftpInbox.class);

    private SftpInbox() {
    }

    /** Exchange property: the operations of the consumer that claimed the file (to delete the claim once it is sealed). */
    static final String OPERATIONS = "tidlig.sftp.operations";
    /** Exchange property: the claimed file is gone from the server (deleted, or put aside as done). */
    static final String DONE = "tidlig.sftp.done";
    /** A file that was sealed but could not be deleted from the server: hidden, so never read again, and never given back. */
    static final String DONE_PREFIX = ".tidlig-done-";

    /**
     * The configured endpoint of an SFTP inbox: key authentication, strict host key, streamed, claimed by rename. Made for
     * this adapter alone (not shared through Camel's endpoint registry by its URI), with the user, the key, its passphrase
     * and known_hosts set on its configuration, not in its URI: no secret and no path is in a URI that routes or logs show.
     */
    static SftpEndpoint endpoint(CamelContext camel, String adapterId, InboxSettings settings) {
        InboxSettings.Sftp sftp = settings.sftp();
        long unchanged = Math.max(1000, settings.readLockMinAgeMs());
        String uri = String.format(Locale.ROOT, "sftp://%s:%d/%s?strictHostKeyChecking=yes&useUserKnownHostsFile=false&preferredAuthentications=publickey"
                + "&autoCreate=false&streamDownload=true&stepwise=false&binary=true&delay=%d&initialDelay=%d"
                + "&include=RAW(%s)&exclude=RAW(%s)&sortBy=file:modified&idempotent=false&throwExceptionOnConnectFailed=true"
                + "&connectTimeout=15000&timeout=60000&serverAliveInterval=30000&maximumReconnectAttempts=0",
                sftp.host().contains(":") ? "[" + sftp.host() + "]" : sftp.host(), sftp.port(), sftp.directory(),
                settings.pollIntervalMs(), Math.min(settings.pollIntervalMs(), 1000), settings.include(), Inbox.IGNORED);
        SftpEndpoint endpoint;
        try {
            endpoint = (SftpEndpoint) camel.getComponent("sftp").createEndpoint(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("the SFTP inbox " + sftp.location() + " cannot be set up: " + oneLine(e), e);
        }
        endpoint.getConfiguration().setUsername(sftp.user());
        endpoint.getConfiguration().setPrivateKeyFile(sftp.privateKeyFile().toString());
        endpoint.getConfiguration().setKnownHostsFile(sftp.knownHostsFile().toString());
        if (sftp.keyPassword() != null) {
            endpoint.getConfiguration().setPrivateKeyPassphrase(sftp.keyPassword());
        }
        // a file is read once its size and time have not changed for readLockMinAgeMs by tidlig's clock (at least a second:
        // SFTP gives times in whole seconds), never by comparing the server's clock with tidlig's
        SftpChangedExclusiveReadLockStrategy changed = new SftpChangedExclusiveReadLockStrategy();
        changed.setMinAge(0);
        changed.setMinLength(0);
        changed.setCheckInterval(unchanged);
        changed.setTimeout(unchanged * 20 + 10_000);
        changed.setReadLockLoggingLevel(LoggingLevel.DEBUG);
        // the folder is listed (a file another node claimed meanwhile is then simply not there, and its claim fails quietly)
        changed.setFastExistsCheck(false);
        ClaimStrategy strategy = new ClaimStrategy(adapterId);
        strategy.setExclusiveReadLockStrategy(cast(changed));
        endpoint.setProcessStrategy(strategy);
        OneLine errors = new OneLine(adapterId, sftp.location());
        endpoint.setExceptionHandler(errors);
        endpoint.setOnCompletionExceptionHandler(errors);
        return endpoint;
    }

    /**
     * After the file is sealed: the claimed file goes from the server at once (not when the delivery ends, which may be
     * long after; until then another node could take the claim for stale). If it cannot be deleted it is put aside under a
     * hidden done-name that no node reads or gives back, and the log asks the operator to delete it.
     */
    static void sealed(Exchange exchange, String adapterId) {
        @SuppressWarnings("unchecked")
        GenericFileOperations<SftpRemoteFile> operations = exchange.getProperty(OPERATIONS, GenericFileOperations.class);
        @SuppressWarnings("unchecked")
        GenericFile<SftpRemoteFile> file = exchange.getProperty(org.apache.camel.component.file.FileComponent.FILE_EXCHANGE_FILE, GenericFile.class);
        if (operations == null || file == null) {
            return;
        }
        operations.releaseRetrievedFileResources(exchange);
        String claimed = file.getAbsoluteFilePath();
        try {
            if (operations.deleteFile(claimed)) {
                exchange.setProperty(DONE, Boolean.TRUE);
                return;
            }
        } catch (RuntimeException e) {
            // put aside below
        }
        String parent = file.getParent() == null || file.getParent().isEmpty() ? "" : file.getParent() + "/";
        try {
            operations.renameFile(claimed, parent + DONE_PREFIX + System.currentTimeMillis() + "-" + Inbox.unclaimed(file.getFileNameOnly()));
            exchange.setProperty(DONE, Boolean.TRUE);
            LOG.warn("{}: a delivered file is sealed, but could not be deleted from the SFTP server; it was put aside there under a hidden "
                    + "name beginning {}: delete it there", adapterId, DONE_PREFIX);
        } catch (RuntimeException e) {
            LOG.error("{}: a delivered file is sealed, but could not be deleted from the SFTP server ({}); it is tried again when the "
                    + "delivery ends", adapterId, oneLine(e));
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static GenericFileExclusiveReadLockStrategy<SftpRemoteFile> cast(SftpChangedExclusiveReadLockStrategy s) {
        return (GenericFileExclusiveReadLockStrategy) s;
    }

    /**
     * Claims a file by renaming it on the server to {@code .tidlig-claim-<ms>-<name>} before it is read (a rename that
     * fails means another node claimed it: the file is left to that node, without an error); deletes the claimed file
     * when the delivery ends; gives it back to its name when the file could not be sealed.
     */
    static final class ClaimStrategy extends GenericFileDeleteProcessStrategy<SftpRemoteFile> {

        private final String adapterId;

        ClaimStrategy(String adapterId) {
            this.adapterId = adapterId;
        }

        /** Stale claims are looked for when the consumer starts and then, while files come, at most this often. */
        private static final long STALE_CHECK_EVERY_MS = Duration.ofMinutes(5).toMillis();
        private volatile long lastStaleCheck;

        @Override
        public void prepareOnStartup(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint) {
            try {
                // called before the consumer's first connection: connect now (the consumer then uses this connection)
                if (operations instanceof RemoteFileOperations<SftpRemoteFile> remote && !remote.isConnected()) {
                    remote.connect((RemoteFileConfiguration) endpoint.getConfiguration(), null);
                }
            } catch (RuntimeException e) {
                // the poll that follows says why, in one line; the stale claims are looked for with the next file
                LOG.debug("{}: no connection to the SFTP inbox yet: {}", adapterId, oneLine(e));
                return;
            }
            try {
                giveBackStaleClaims(operations, endpoint);
            } catch (RuntimeException e) {
                LOG.warn("{}: the SFTP inbox could not be looked at for stale claims: {}", adapterId, oneLine(e));
            }
        }

        /** Claims of nodes that died before sealing the file go back to the file's name, to be read again. */
        private void giveBackStaleClaims(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint) {
            lastStaleCheck = System.currentTimeMillis();
            long before = lastStaleCheck - Inbox.STALE_CLAIM.toMillis();
            String dir = endpoint.getConfiguration().getDirectory();
            String prefix = dir.isEmpty() ? "" : dir + "/";
            for (SftpRemoteFile f : operations.listFiles(dir.isEmpty() ? "." : dir)) {
                String name = f.getFilename();
                Long claimedAt = Inbox.claimedAt(name);
                if (claimedAt != null && claimedAt < before) {
                    try {
                        // never over a file of that name that came meanwhile
                        if (!operations.existsFile(prefix + Inbox.unclaimed(name))) {
                            operations.renameFile(prefix + name, prefix + Inbox.unclaimed(name));
                        }
                    } catch (RuntimeException e) {
                        // another node gave it back first: nothing to do
                    }
                }
            }
        }

        @Override
        public boolean begin(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange,
                GenericFile<SftpRemoteFile> file) throws Exception {
            if (!super.begin(operations, endpoint, exchange, file)) {
                return false;
            }
            if (System.currentTimeMillis() - lastStaleCheck > STALE_CHECK_EVERY_MS) {
                giveBackStaleClaims(operations, endpoint);
            }
            String claimName = Inbox.CLAIM + System.currentTimeMillis() + "-" + file.getFileNameOnly();
            GenericFile<SftpRemoteFile> claimed = operations.newGenericFile();
            file.copyFrom(file, claimed);
            claimed.changeFileName(file.getParent() == null || file.getParent().isEmpty() ? claimName : file.getParent() + "/" + claimName);
            boolean renamed;
            try {
                renamed = operations.renameFile(file.getAbsoluteFilePath(), claimed.getAbsoluteFilePath());
            } catch (RuntimeException e) {
                renamed = false;
            }
            if (!renamed) {
                LOG.debug("{}: a delivered file was claimed by another node", adapterId);
                return false;
            }
            claimed.bindToExchange(exchange);
            exchange.setProperty(Inbox.ORIGINAL_NAME, file.getFileNameOnly());
            exchange.setProperty(OPERATIONS, operations);
            return true;
        }

        @Override
        public void commit(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange,
                GenericFile<SftpRemoteFile> file) throws Exception {
            if (exchange.getProperty(DONE) == null) {
                super.commit(operations, endpoint, exchange, file);
                return;
            }
            // deleted (or put aside) when it was sealed
            try {
                operations.releaseRetrievedFileResources(exchange);
            } finally {
                if (exclusiveReadLockStrategy != null) {
                    exclusiveReadLockStrategy.releaseExclusiveReadLockOnCommit(operations, file, exchange);
                }
            }
        }

        @Override
        public void rollback(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange,
                GenericFile<SftpRemoteFile> file) throws Exception {
            super.rollback(operations, endpoint, exchange, file);
            String original = exchange.getProperty(Inbox.ORIGINAL_NAME, String.class);
            if (original == null || exchange.getProperty(DONE) != null) {
                return;
            }
            String parent = file.getParent() == null || file.getParent().isEmpty() ? "" : file.getParent() + "/";
            try {
                // never over a file of that name that came meanwhile: the claim then goes back when it is stale
                if (!operations.existsFile(parent + original)) {
                    operations.renameFile(file.getAbsoluteFilePath(), parent + original);
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: a file that could not be sealed could not be given back on the SFTP server ({}); it is given back within {}",
                        adapterId, oneLine(e), Duration.ofHours(1));
            }
        }
    }

    /**
     * The consumer's errors (the server cannot be reached, the key is refused) in one line each, never a stack trace; the
     * same error again is logged once every quarter of an hour while it lasts, not at every poll.
     */
    private static final class OneLine implements ExceptionHandler {

        private static final long REPEAT_EVERY_MS = Duration.ofMinutes(15).toMillis();
        private final String adapterId;
        private final String location;
        private String last;
        private long lastLogged;

        OneLine(String adapterId, String location) {
            this.adapterId = adapterId;
            this.location = location;
        }

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public synchronized void handleException(String message, Exchange exchange, Throwable exception) {
            String line = oneLine(exception);
            long now = System.currentTimeMillis();
            if (line.equals(last) && now - lastLogged < REPEAT_EVERY_MS) {
                LOG.debug("{}: the SFTP inbox {} could not be read ({})", adapterId, location, line);
                return;
            }
            last = line;
            lastLogged = now;
            LOG.error("{}: the SFTP inbox {} could not be read ({}); it is tried again at every poll", adapterId, location, line);
        }
    }

    /** An exception's innermost message, masked, in one line. */
    static String oneLine(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getClass().getSimpleName() + ": " + r.getMessage();
        return CprNumbers.mask(m.replaceAll("\\s+", " "));
    }
}
