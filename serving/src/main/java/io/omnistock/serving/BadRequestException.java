package io.omnistock.serving;

/** A request the service cannot answer as asked; its message goes to the client with a 400. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
