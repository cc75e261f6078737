package dk.tidlig.adapter;

/**
 * A delivered file, as the ingest pipeline records it.
 *
 * @param fileName the file's name (not its path)
 * @param sha256   SHA-256 of its content, hex
 * @param size     its size in bytes
 */
public record FileOrigin(String fileName, String sha256, long size) {
}
