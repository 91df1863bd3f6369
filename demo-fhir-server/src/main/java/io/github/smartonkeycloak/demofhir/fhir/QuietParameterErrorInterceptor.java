package io.github.smartonkeycloak.demofhir.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Turns HAPI's {@link DataFormatException} for a malformed search value (say {@code birthdate=1985-03-1x}) into the
 * 400 it is anyway. Left alone, HAPI logs it at error level with the value in the message, and search values can be
 * patient data; as an {@link InvalidRequestException} it is a plain client error, answered the same way.
 */
public final class QuietParameterErrorInterceptor {

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException asBadRequest(Throwable exception) {
        if (exception instanceof DataFormatException) {
            return new InvalidRequestException(exception.getMessage());
        }
        return null;
    }
}
