<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("smart-error-title")}
    <#elseif section = "form">
        <div id="smart-error" class="smart-page" data-smart-page="error" role="alert">
            <p class="${properties.kcFormGroupClass!}">${msg(smartMessage)}</p>
            <#if flowActions??>
                <form id="smart-error-actions" action="${url.loginAction}" method="post">
                    <#if retryable>
                        <button type="submit" name="smart-action" value="retry" data-smart-action="retry"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("smart-error-retry")}</button>
                    </#if>
                    <button type="submit" name="smart-action" value="cancel" data-smart-action="cancel"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("smart-error-back-to-app")}</button>
                </form>
            <#elseif retryUrl??>
                <p><a href="${retryUrl}" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}">${msg("smart-error-retry")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
