package io.tidewatch.localstack.registry;

/**
 * An error answer in Confluent's shape: an HTTP status and a body {@code {"error_code": ..., "message": ...}}.
 * The error code's first three digits are the status (40401 is a 404).
 */
final class RegistryError extends RuntimeException {

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    static final int REFERENCE_EXISTS = 42206;
    static final int STORE_ERROR = 50001;

    private final int status;
    private final int errorCode;

    RegistryError(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** An error whose status is its code's first three digits. */
    static RegistryError of(int errorCode, String message) {
        return new RegistryError(errorCode > 999 ? errorCode / 100 : errorCode, errorCode, message);
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }
}
