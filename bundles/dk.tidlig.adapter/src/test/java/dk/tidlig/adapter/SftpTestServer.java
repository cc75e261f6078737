// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server (Apache MINA SSHD) for tests, as a vendor or Serviceplatformen runs one: it lets in only user
 * {@code tidlig} with tidlig's key, no password. {@link #installKey} writes what an operator puts on tidlig's side: the
 * private key (with a passphrase) and the server's host key in a known_hosts file.
 */
public final class SftpTestServer implements AutoCloseable {

    public static final String PASSPHRASE = "nøglens-kodeord-i-testen";
    /** The settings {@link #installKey} writes the files for, relative to the distribution folder. */
    public static final String KEY_FILE = "etc/sftp/id_tidlig";
    public static final String KNOWN_HOSTS_FILE = "etc/sftp/known_hosts";

    private final SshServer server;
    private final Path root;
    public final KeyPair hostKey;
    public final KeyPair clientKey;

    private SftpTestServer(SshServer server, Path root, KeyPair hostKey, KeyPair clientKey) {
        this.server = server;
        this.root = root;
        this.hostKey = hostKey;
        this.clientKey = clientKey;
    }

    /** A new EC key pair (P-256). */
    public static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        return ec.generateKeyPair();
    }

    public static SftpTestServer start() throws IOException, GeneralSecurityException {
        KeyPair host = newKey();
        KeyPair client = newKey();
        Path root = Files.createTempDirectory("tidlig-sftp-server");
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(host));
        server.setPublickeyAuthenticator((user, key, session) -> "tidlig".equals(user) && KeyUtils.compareKeys(key, client.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        return new SftpTestServer(server, root, host, client);
    }

    /** Writes tidlig's key (with {@link #PASSPHRASE}) and the server's host key under {@code home}. */
    public void installKey(Path home) throws IOException, GeneralSecurityException {
        installKey(home, clientKey, hostKey.getPublic());
    }

    /** The same with another key pair, or another host key to trust: what a wrong configuration looks like. */
    public void installKey(Path home, KeyPair key, PublicKey trustedHost) throws IOException, GeneralSecurityException {
        Path keyFile = home.resolve(KEY_FILE);
        Files.createDirectories(keyFile.getParent());
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(PASSPHRASE);
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        try (var out = Files.newOutputStream(keyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "tidlig", encryption, out);
        }
        Files.writeString(home.resolve(KNOWN_HOSTS_FILE), "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(trustedHost) + "\n");
    }

    /** An adapter's settings for an inbox in this folder on the server, with the files {@link #installKey} writes. */
    public Map<String, Object> settings(String folder) throws IOException {
        return Map.of(InboxSettings.INBOX, location(folder), InboxSettings.SFTP_PRIVATE_KEY_FILE, KEY_FILE, "." + InboxSettings.SFTP_KEY_PASSWORD,
                PASSPHRASE, InboxSettings.SFTP_KNOWN_HOSTS_FILE, KNOWN_HOSTS_FILE);
    }

    /** The inbox setting for a folder on this server (which is created). */
    public String location(String folder) throws IOException {
        Files.createDirectories(root.resolve(folder));
        return "sftp://tidlig@127.0.0.1:" + server.getPort() + "/" + folder;
    }

    /** A folder on the server, as a local path (to look at what the server holds). */
    public Path folder(String folder) throws IOException {
        return Files.createDirectories(root.resolve(folder));
    }

    /** Uploads content as a vendor does (a temporary name, then renamed); returns where it lies on the server. */
    public Path deliver(String folder, String name, byte[] content) throws IOException {
        Path dir = folder(folder);
        Path part = dir.resolve(name + ".part");
        Files.write(part, content);
        return Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
