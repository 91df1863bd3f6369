<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("smart-ehr-launcher-title")}
    <#elseif section = "form">
        <div id="smart-ehr-launcher" data-smart-page="ehr-launcher">
            <form method="get" action="${launcherUrl}" class="${properties.kcFormClass!}" role="search">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="smart-search" class="${properties.kcLabelClass!}">${msg("smart-ehr-launcher-search")}</label>
                    <input id="smart-search" name="search" type="search" value="${search}"
                           class="${properties.kcInputClass!}" autocomplete="off"/>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <button type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("smart-ehr-launcher-find")}</button>
                </div>
            </form>

            <h2 id="smart-patients-heading">${msg("smart-ehr-launcher-patients")}</h2>
            <ul aria-labelledby="smart-patients-heading" class="smart-choices">
                <#list patients as patient>
                    <li>
                        <a href="${launcherUrl}?patient=${patient.id?url('UTF-8')}&amp;search=${search?url('UTF-8')}" data-patient-id="${patient.id}"
                           <#if selectedPatient?? && selectedPatient.id == patient.id>aria-current="true"</#if>>${patient.name}<#if patient.birthDate??> (${patient.birthDate})</#if></a>
                    </li>
                <#else>
                    <li>${msg("smart-ehr-launcher-no-patients")}</li>
                </#list>
            </ul>

            <#if selectedPatient??>
                <form method="post" action="${launcherUrl}" class="${properties.kcFormClass!}">
                    <input type="hidden" name="patient" value="${selectedPatient.id}"/>
                    <input type="hidden" name="csrf" value="${csrf}"/>
                    <fieldset class="${properties.kcFormGroupClass!}">
                        <legend>${msg("smart-ehr-launcher-encounter", selectedPatient.name)}</legend>
                        <div><label><input type="radio" name="encounter" value="" checked/> ${msg("smart-ehr-launcher-no-encounter")}</label></div>
                        <#list encounters as encounter>
                            <div><label><input type="radio" name="encounter" value="${encounter.id}" data-encounter-id="${encounter.id}"/>
                                ${(encounter.start!"")?keep_before("T")} ${encounter.type!""}</label></div>
                        </#list>
                    </fieldset>
                    <fieldset class="${properties.kcFormGroupClass!}">
                        <legend>${msg("smart-ehr-launcher-app")}</legend>
                        <#list apps as app>
                            <div><label><input type="radio" name="client_id" value="${app.clientId}" data-client-id="${app.clientId}"
                                <#if app?is_first>checked</#if>/> ${app.name}</label></div>
                        <#else>
                            <p>${msg("smart-ehr-launcher-no-apps")}</p>
                        </#list>
                    </fieldset>
                    <div class="${properties.kcFormGroupClass!}">
                        <button type="submit" data-smart-action="launch"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("smart-ehr-launcher-launch")}</button>
                    </div>
                </form>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
