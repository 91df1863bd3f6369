package io.github.smartonkeycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RealmOverlayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void appendsNewClientsAndMergesClientsOfTheSameId() throws Exception {
        JsonNode merged = RealmOverlay.apply(
                json("{'clients':[{'clientId':'a','publicClient':false,'attributes':{'x':'1'}}]}"),
                json("{'clients':[{'clientId':'a','attributes':{'y':'2'}},{'clientId':'b'}]}"));

        assertThat(merged).isEqualTo(json(
                "{'clients':[{'clientId':'a','publicClient':false,'attributes':{'x':'1','y':'2'}},{'clientId':'b'}]}"));
    }

    @Test
    void mergesExecutorsOfANamedProfileAndReplacesScalars() throws Exception {
        JsonNode merged = RealmOverlay.apply(
                json("{'sslRequired':'all','clientProfiles':{'profiles':[{'name':'smart','executors':["
                        + "{'executor':'e1','configuration':{'a':'false','b':'x'}},{'executor':'e2'}]}]}}"),
                json("{'sslRequired':'external','clientProfiles':{'profiles':[{'name':'smart','executors':["
                        + "{'executor':'e1','configuration':{'a':'true'}}]}]}}"));

        assertThat(merged).isEqualTo(json("{'sslRequired':'external','clientProfiles':{'profiles':[{'name':'smart',"
                + "'executors':[{'executor':'e1','configuration':{'a':'true','b':'x'}},{'executor':'e2'}]}]}}"));
    }

    @Test
    void skipsCommentsAndLeavesTheRealmUnchanged() throws Exception {
        JsonNode realm = json("{'users':[],'attributes':{'k':'v'}}");

        JsonNode merged = RealmOverlay.apply(realm, json("{'_comment':'demo','users':[{'username':'amy'}]}"));

        assertThat(merged).isEqualTo(json("{'users':[{'username':'amy'}],'attributes':{'k':'v'}}"));
        assertThat(realm).isEqualTo(json("{'users':[],'attributes':{'k':'v'}}"));
    }
}
