<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("smart-encounter-title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/smart-pages.css"/>
        <div id="smart-encounter-picker" class="smart-page" data-smart-page="encounter-picker">
            <p id="smart-encounter-intro">${msg("smart-encounter-intro", appName)}</p>
            <form id="smart-encounter-choice" action="${url.loginAction}" method="post">
                <ul class="smart-choices" aria-labelledby="smart-encounter-intro">
                    <#list encounters as encounter>
                        <li>
                            <button type="submit" name="encounter" value="${encounter.id}" data-encounter-id="${encounter.id}"
                                    class="smart-choice ${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                                <span class="smart-choice-name"><#if encounter.type??>${encounter.type}<#else>${msg("smart-encounter-unknown-type")}</#if></span>
                                <span class="smart-choice-detail"><#if encounter.start??>${encounter.start?keep_before("T")}</#if><#if encounter.status??> · ${encounter.status}</#if></span>
                            </button>
                        </li>
                    </#list>
                </ul>
                <div class="smart-actions">
                    <button type="submit" name="encounter" value="" data-smart-action="skip"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("smart-encounter-none")}</button>
                    <button type="submit" name="smart-action" value="cancel" data-smart-action="cancel"
                            class="${properties.kcButtonClass!} ${properties.kcButtonLinkClass!}">${msg("smart-cancel")}</button>
                </div>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
