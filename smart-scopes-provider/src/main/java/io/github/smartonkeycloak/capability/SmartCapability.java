package io.github.smartonkeycloak.capability;

import java.util.Set;

/**
 * The capability names of SMART App Launch 2.2 (section "Capabilities"). Providers may only advertise these.
 */
public final class SmartCapability {

    public static final String LAUNCH_EHR = "launch-ehr";
    public static final String LAUNCH_STANDALONE = "launch-standalone";
    public static final String AUTHORIZE_POST = "authorize-post";
    public static final String CLIENT_PUBLIC = "client-public";
    public static final String CLIENT_CONFIDENTIAL_SYMMETRIC = "client-confidential-symmetric";
    public static final String CLIENT_CONFIDENTIAL_ASYMMETRIC = "client-confidential-asymmetric";
    public static final String SSO_OPENID_CONNECT = "sso-openid-connect";
    public static final String CONTEXT_BANNER = "context-banner";
    public static final String CONTEXT_STYLE = "context-style";
    public static final String CONTEXT_EHR_PATIENT = "context-ehr-patient";
    public static final String CONTEXT_EHR_ENCOUNTER = "context-ehr-encounter";
    public static final String CONTEXT_STANDALONE_PATIENT = "context-standalone-patient";
    public static final String CONTEXT_STANDALONE_ENCOUNTER = "context-standalone-encounter";
    public static final String PERMISSION_OFFLINE = "permission-offline";
    public static final String PERMISSION_ONLINE = "permission-online";
    public static final String PERMISSION_PATIENT = "permission-patient";
    public static final String PERMISSION_USER = "permission-user";
    public static final String PERMISSION_V1 = "permission-v1";
    public static final String PERMISSION_V2 = "permission-v2";
    public static final String SMART_APP_STATE = "smart-app-state";

    public static final Set<String> ALL = Set.of(
            LAUNCH_EHR, LAUNCH_STANDALONE, AUTHORIZE_POST,
            CLIENT_PUBLIC, CLIENT_CONFIDENTIAL_SYMMETRIC, CLIENT_CONFIDENTIAL_ASYMMETRIC,
            SSO_OPENID_CONNECT,
            CONTEXT_BANNER, CONTEXT_STYLE, CONTEXT_EHR_PATIENT, CONTEXT_EHR_ENCOUNTER,
            CONTEXT_STANDALONE_PATIENT, CONTEXT_STANDALONE_ENCOUNTER,
            PERMISSION_OFFLINE, PERMISSION_ONLINE, PERMISSION_PATIENT, PERMISSION_USER, PERMISSION_V1, PERMISSION_V2,
            SMART_APP_STATE);

    private SmartCapability() {
    }

    public static boolean isKnown(String capability) {
        return ALL.contains(capability);
    }
}
