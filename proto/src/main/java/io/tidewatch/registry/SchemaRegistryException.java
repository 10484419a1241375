package io.tidewatch.registry;

/**
 * A schema-registry request failed: the registry answered an error, or no registry URL could be reached.
 * Carries the HTTP status and Confluent's {@code error_code} (both -1 when no answer came) and names the subject
 * (or the schema id) the request was about.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;
    private final String subject;
    private final String registryMessage;

    /**
     * @param about           what the request was about, e.g. {@code subject 'flows-value'} or {@code schema id 7}
     * @param subject         the subject, or null when the request was about a schema id
     * @param status          HTTP status, -1 when the registry could not be reached
     * @param errorCode       Confluent's {@code error_code}, -1 when absent
     * @param registryMessage the registry's {@code message}, or the cause's description
     * @param cause           the I/O failure, if any
     */
    public SchemaRegistryException(String about, String subject, int status, int errorCode, String registryMessage,
                                   Throwable cause) {
        super("schema registry request for " + about + " failed: "
                + (status < 0 ? "" : "HTTP " + status + ", error_code " + errorCode + ": ") + registryMessage, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.subject = subject;
        this.registryMessage = registryMessage;
    }

    /** HTTP status of the answer, -1 when no answer came. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} (e.g. 40401 subject not found), -1 when absent. */
    public int errorCode() {
        return errorCode;
    }

    /** The subject the request was about, or null when it was about a schema id. */
    public String subject() {
        return subject;
    }

    /** The registry's own {@code message}. */
    public String registryMessage() {
        return registryMessage;
    }
}
