<#import "template.ftl" as layout>
<#macro scopeChoice option>
    <div class="${properties.kcCheckboxClass!}">
        <input type="checkbox" id="${option.id}" name="scope" value="${option.scope}" class="${properties.kcCheckboxInputClass!}"
               <#if option.checked>checked</#if>/>
        <label for="${option.id}" class="${properties.kcCheckboxLabelClass!}">
            <span class="smart-scope-what"><#if option.category??>${msg("smart-category-" + option.category)}<#elseif option.typeNamed>${msg("smart-resource-" + option.type)}<#else>${option.type}</#if></span><#if !option.category??> <span class="smart-scope-context">${msg("smart-context-" + option.context)}</span></#if>:
            <span class="smart-scope-how"><#list option.permissions as permission>${msg("smart-permission-" + permission)}<#sep>, </#list></span>
            <#if option.constraints??><span class="smart-scope-limit">(${msg("smart-consent-limited")} ${option.constraints})</span></#if>
            <#if !option.category??><code class="smart-scope-text">${option.scope}</code></#if>
        </label>
    </div>
</#macro>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("smart-consent-title", appName)}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/smart-pages.css"/>
        <div id="smart-consent" class="smart-page" data-smart-page="consent">
            <form id="smart-consent-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <fieldset class="${properties.kcFormGroupClass!}">
                    <legend><h2>${msg("smart-consent-data")}</h2></legend>
                    <#if options?has_content>
                        <ul class="smart-scopes">
                            <#list options as option>
                                <li>
                                    <@scopeChoice option=option/>
                                    <#if option.subScopes?has_content>
                                        <fieldset class="smart-sub-scopes">
                                            <legend>${msg("smart-consent-categories")}</legend>
                                            <ul>
                                                <#list option.subScopes as subScope>
                                                    <li><@scopeChoice option=subScope/></li>
                                                </#list>
                                            </ul>
                                        </fieldset>
                                    </#if>
                                </li>
                            </#list>
                        </ul>
                    <#else>
                        <p>${msg("smart-consent-no-data")}</p>
                    </#if>
                </fieldset>

                <#if otherAccess?has_content>
                    <h2>${msg("smart-consent-also")}</h2>
                    <ul class="${properties.kcListClass!}">
                        <#list otherAccess as text>
                            <li>${advancedMsg(text)}</li>
                        </#list>
                    </ul>
                </#if>

                <#if offlineAccess>
                    <p class="smart-notice" role="note">${msg("smart-consent-offline-notice", appName)}</p>
                </#if>

                <div class="smart-actions">
                    <button type="submit" name="smart-action" value="approve" data-smart-action="approve"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("smart-consent-allow")}</button>
                    <button type="submit" name="smart-action" value="deny" data-smart-action="deny"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("smart-consent-deny")}</button>
                </div>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
