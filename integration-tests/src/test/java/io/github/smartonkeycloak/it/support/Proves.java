package io.github.smartonkeycloak.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that shows a SMART capability working end to end. {@code AdvertisedCapabilitiesIT} checks that the
 * discovery document advertises exactly the capabilities that such tests prove.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Proves {

    /** SMART capability names, see {@code SmartCapability}. */
    String[] value();
}
