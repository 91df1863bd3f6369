<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("smart-picker-title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/smart-pages.css"/>
        <div id="smart-patient-picker" class="smart-page" data-smart-page="patient-picker">
            <p id="smart-picker-intro">${msg(clinician?then("smart-picker-intro-clinician", "smart-picker-intro-patient"), appName)}</p>

            <form id="smart-patient-search" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" role="search">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!}">
                        <label for="smart-search" class="${properties.kcFormLabelClass!}">
                            <span class="${properties.kcFormLabelTextClass!}">${msg(clinician?then("smart-picker-search-clinician", "smart-picker-search-patient"))}</span>
                        </label>
                    </div>
                    <span class="${properties.kcInputClass!}">
                        <input id="smart-search" name="search" type="search" value="${search}" autocomplete="off"
                               aria-describedby="smart-picker-intro"/>
                    </span>
                </div>
                <input type="hidden" name="page" value="0"/>
                <div class="${properties.kcFormGroupClass!}">
                    <button type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("smart-picker-find")}</button>
                </div>
            </form>

            <form id="smart-patient-choice" action="${url.loginAction}" method="post">
                <input type="hidden" name="search" value="${search}"/>
                <h2 id="smart-patients-heading">${msg("smart-picker-patients")}</h2>
                <ul class="smart-choices" aria-labelledby="smart-patients-heading">
                    <#list patients as patient>
                        <li>
                            <button type="submit" name="patient" value="${patient.id}" data-patient-id="${patient.id}"
                                    class="smart-choice ${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                                <span class="smart-choice-name">${patient.name}</span>
                                <span class="smart-choice-detail"><#if patient.birthDate??>${msg("smart-picker-born", patient.birthDate)}</#if><#if patient.gender??> · ${msg("smart-gender-" + patient.gender)}</#if></span>
                            </button>
                        </li>
                    <#else>
                        <li>${msg("smart-picker-no-match")}</li>
                    </#list>
                </ul>
                <#if page gt 0 || hasNext>
                    <div class="smart-paging">
                        <#if page gt 0>
                            <button type="submit" name="page" value="${page - 1}" class="${properties.kcButtonClass!} ${properties.kcButtonLinkClass!}">${msg("smart-picker-previous")}</button>
                        </#if>
                        <#if hasNext>
                            <button type="submit" name="page" value="${page + 1}" class="${properties.kcButtonClass!} ${properties.kcButtonLinkClass!}">${msg("smart-picker-next")}</button>
                        </#if>
                    </div>
                </#if>
                <div class="smart-actions">
                    <button type="submit" name="smart-action" value="cancel" data-smart-action="cancel"
                            class="${properties.kcButtonClass!} ${properties.kcButtonLinkClass!}">${msg("smart-cancel")}</button>
                </div>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
