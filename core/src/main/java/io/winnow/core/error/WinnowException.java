package io.winnow.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The one user-facing exception type. Every message states what happened, why, and how to fix
 * it; create instances through {@link WinnowErrors} so the wording stays consistent.
 */
public final class WinnowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public WinnowException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public WinnowException(ErrorCode errorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
