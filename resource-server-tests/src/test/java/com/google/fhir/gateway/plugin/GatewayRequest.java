package com.google.fhir.gateway.plugin;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import com.google.fhir.gateway.interfaces.RequestDetailsReader;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;

/** A FHIR request as the gateway's access checkers read it: a read by id or a search with one parameter. */
record GatewayRequest(RequestTypeEnum type, RestOperationTypeEnum operation, String resourceName, IIdType id,
        Map<String, String[]> parameters) implements RequestDetailsReader {

    static GatewayRequest read(String type, String id) {
        return new GatewayRequest(RequestTypeEnum.GET, RestOperationTypeEnum.READ, type, new IdType(type, id), Map.of());
    }

    static GatewayRequest search(String type, String parameter, String value) {
        return new GatewayRequest(RequestTypeEnum.GET, RestOperationTypeEnum.SEARCH_TYPE, type, null,
                Map.of(parameter, new String[] {value}));
    }

    @Override
    public String getRequestId() {
        return "test";
    }

    @Override
    public Charset getCharset() {
        return StandardCharsets.UTF_8;
    }

    @Override
    public String getCompleteUrl() {
        return getFhirServerBase() + "/" + getRequestPath();
    }

    @Override
    public FhirContext getFhirContext() {
        return FhirContext.forR4Cached();
    }

    @Override
    public String getFhirServerBase() {
        return "http://localhost:8081/fhir";
    }

    @Override
    public String getHeader(String name) {
        return null;
    }

    @Override
    public List<String> getHeaders(String name) {
        return List.of();
    }

    @Override
    public IIdType getId() {
        return id;
    }

    @Override
    public String getOperation() {
        return null;
    }

    @Override
    public Map<String, String[]> getParameters() {
        return parameters;
    }

    @Override
    public String getRequestPath() {
        return id == null ? resourceName : resourceName + "/" + id.getIdPart();
    }

    @Override
    public RequestTypeEnum getRequestType() {
        return type;
    }

    @Override
    public String getResourceName() {
        return resourceName;
    }

    @Override
    public RestOperationTypeEnum getRestOperationType() {
        return operation;
    }

    @Override
    public String getSecondaryOperation() {
        return null;
    }

    @Override
    public boolean isRespondGzip() {
        return false;
    }

    @Override
    public byte[] loadRequestContents() {
        return new byte[0];
    }
}
