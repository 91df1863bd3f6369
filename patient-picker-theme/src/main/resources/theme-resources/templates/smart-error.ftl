<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("smart-error-title")}
    <#elseif section = "form">
        <div id="smart-error" data-smart-page="error" role="alert">
            <p class="${properties.kcFormGroupClass!}">${msg(smartMessage)}</p>
            <#if retryUrl??>
                <p><a href="${retryUrl}" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}">${msg("smart-error-retry")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
