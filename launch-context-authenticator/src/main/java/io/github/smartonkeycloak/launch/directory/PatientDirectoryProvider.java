package io.github.smartonkeycloak.launch.directory;

import io.github.smartonkeycloak.core.fhir.PatientDirectory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * The {@link PatientDirectory} of the realm in the session's context, for one request. Callers get it with
 * {@link #of(KeycloakSession)}; Keycloak keeps one instance per request, so all the look-ups of a page share its
 * credential, its deadline and its time accounting.
 */
public interface PatientDirectoryProvider extends PatientDirectory, Provider {

    /** The realm's patient directory for this request. */
    static PatientDirectory of(KeycloakSession session) {
        PatientDirectoryProvider directory = session.getProvider(PatientDirectoryProvider.class);
        if (directory == null) {
            throw new IllegalStateException("no provider of SPI " + PatientDirectorySpi.SPI_NAME + " is installed");
        }
        return directory;
    }

    @Override
    default void close() {
    }
}
