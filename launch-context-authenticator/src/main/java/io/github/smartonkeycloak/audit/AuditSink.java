package io.github.smartonkeycloak.audit;

/** Where one AuditEvent goes; called on the audit worker thread only, never on a request thread. */
@FunctionalInterface
interface AuditSink {

    /** Writes the AuditEvent (one line of JSON); throws when it could not be written. */
    void write(String auditEventJson) throws Exception;
}
