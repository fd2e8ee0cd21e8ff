package io.courier.vault;

/** A sealed value that can't be opened: its key is not configured, or it was altered or moved. */
public class VaultException extends RuntimeException {

    public VaultException(String message) {
        super(message);
    }
}
