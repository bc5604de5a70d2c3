<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>CategoriesPage</name>
    <message numerus="yes">
        <source>Loading the cost categories of %n company(ies) from Tripletex…</source>
        <translation>
            <numerusform>Loading the cost categories of %n company from Tripletex…</numerusform>
            <numerusform>Loading the cost categories of %n companies from Tripletex…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 companies done.</source>
        <translation>
            <numerusform>%n of %1 companies done.</numerusform>
            <numerusform>%n of %1 companies done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n companies done.</source>
        <translation>
            <numerusform>%n company done.</numerusform>
            <numerusform>All %n companies done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applied to %n other company(ies) with the same names.</source>
        <translation>
            <numerusform>Applied to %n other company with the same names.</numerusform>
            <numerusform>Applied to %n other companies with the same names.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientsOverview</name>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) waiting</source>
        <translation>
            <numerusform>%n report waiting</numerusform>
            <numerusform>%n reports waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompaniesModel</name>
    <message numerus="yes">
        <source>%n permission(s) missing</source>
        <translation>
            <numerusform>%n permission missing</numerusform>
            <numerusform>%n permissions missing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompaniesPage</name>
    <message numerus="yes">
        <source>%n of %1 companies chosen.</source>
        <extracomment>companies whose permission check runs now (the settings dialog checks clients added there)</extracomment>
        <translation>
            <numerusform>%n of %1 companies chosen.</numerusform>
            <numerusform>%n of %1 companies chosen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionSettingsDialog</name>
    <message numerus="yes">
        <source>Checking the access of %n client(s) in Tripletex…</source>
        <translation>
            <numerusform>Checking the access of %n client in Tripletex…</numerusform>
            <numerusform>Checking the access of %n clients in Tripletex…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added client(s) cannot be used yet: %1. Tick what is missing on the token in Tripletex and check again, or leave them out.</source>
        <translation>
            <numerusform>%n added client cannot be used yet: %1. Tick what is missing on the token in Tripletex and check again, or leave it out.</numerusform>
            <numerusform>%n added clients cannot be used yet: %1. Tick what is missing on the token in Tripletex and check again, or leave them out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The access of %n added client(s) is not checked yet.</source>
        <translation>
            <numerusform>The access of %n added client is not checked yet.</numerusform>
            <numerusform>The access of %n added clients is not checked yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataBrowser</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DryRunDialog</name>
    <message numerus="yes">
        <source>%n passenger(s), %1 km × %2</source>
        <translation>
            <numerusform>%n passenger, %1 km × %2</numerusform>
            <numerusform>%n passengers, %1 km × %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) × %1</source>
        <translation>
            <numerusform>%n day × %1</numerusform>
            <numerusform>%n days × %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n row(s) in the file.</source>
        <translation>
            <numerusform>%n row in the file.</numerusform>
            <numerusform>%n rows in the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new report(s).</source>
        <translation>
            <numerusform>%n new report.</numerusform>
            <numerusform>%n new reports.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were imported before and will be skipped</source>
        <translation>
            <numerusform>%n row was imported before and will be skipped</numerusform>
            <numerusform>%n rows were imported before and will be skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems or are held back.</source>
        <translation>
            <numerusform>%n row has problems or is held back.</numerusform>
            <numerusform>%n rows have problems or are held back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n problem(s) must be fixed in the file first, or tick “Import only the valid rows”.</source>
        <translation>
            <numerusform>Nothing was imported: %n problem must be fixed in the file first, or tick “Import only the valid rows”.</numerusform>
            <numerusform>Nothing was imported: %n problems must be fixed in the file first, or tick “Import only the valid rows”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n report(s) as drafts.</source>
        <translation>
            <numerusform>Imported %n report as a draft.</numerusform>
            <numerusform>Imported %n reports as drafts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were imported before and were skipped.</source>
        <translation>
            <numerusform>%n row was imported before and was skipped.</numerusform>
            <numerusform>%n rows were imported before and were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems were not imported; use “Save rows to fix”.</source>
        <translation>
            <numerusform>%n row with problems was not imported; use “Save rows to fix”.</numerusform>
            <numerusform>%n rows with problems were not imported; use “Save rows to fix”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to fix in %1.</source>
        <translation>
            <numerusform>Saved %n row to fix in %1.</numerusform>
            <numerusform>Saved %n rows to fix in %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PermissionsPage</name>
    <message numerus="yes">
        <source>Checking %n company(ies) in Tripletex…</source>
        <extracomment>Verdict shown when a permission is not needed with the chosen sync options. The page changed the draft&apos;s sync choice (&quot;Continue without projects&quot;); the Sync page reloads.</extracomment>
        <translation>
            <numerusform>Checking %n company in Tripletex…</numerusform>
            <numerusform>Checking %n companies in Tripletex…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The check failed for %n company(ies). Click Check again.</source>
        <translation>
            <numerusform>The check failed for %n company. Click Check again.</numerusform>
            <numerusform>The check failed for %n companies. Click Check again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n permission(s) missing. Tick them on the token in Tripletex (the list below says where), then click Check again.</source>
        <translation>
            <numerusform>%n permission missing. Tick it on the token in Tripletex (the list below says where), then click Check again.</numerusform>
            <numerusform>%n permissions missing. Tick them on the token in Tripletex (the list below says where), then click Check again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything needed is granted; %n could not be confirmed (see the cells).</source>
        <translation>
            <numerusform>Everything needed is granted; %n could not be confirmed (see the cells).</numerusform>
            <numerusform>Everything needed is granted; %n could not be confirmed (see the cells).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message numerus="yes">
        <source>Type to search among %n employee(s)</source>
        <translation>
            <numerusform>Type to search among %n employee</numerusform>
            <numerusform>Type to search among %n employees</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replace the %n per diem line(s) with the suggestion for the trip&apos;s times?</source>
        <translation>
            <numerusform>Replace the %n per diem line with the suggestion for the trip&apos;s times?</numerusform>
            <numerusform>Replace the %n per diem lines with the suggestion for the trip&apos;s times?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message numerus="yes">
        <source>%n selected, total %1</source>
        <translation>
            <numerusform>%n selected, total %1</numerusform>
            <numerusform>%n selected, total %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown, total %1</source>
        <translation>
            <numerusform>%n shown, total %1</numerusform>
            <numerusform>%n shown, total %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) ready to send.</source>
        <translation>
            <numerusform>%n report ready to send.</numerusform>
            <numerusform>%n reports ready to send.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n report(s)…</source>
        <translation>
            <numerusform>Sending %n report…</numerusform>
            <numerusform>Sending %n reports…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) reopened as drafts; open them to correct and mark them ready again.</source>
        <translation>
            <numerusform>%n report reopened as a draft; open it to correct and mark it ready again.</numerusform>
            <numerusform>%n reports reopened as drafts; open them to correct and mark them ready again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n draft(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n draft? This cannot be undone.</numerusform>
            <numerusform>Delete %n drafts? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <source>%n clients, the same categories</source>
        <translation>
            <numerusform>%n client, the same categories</numerusform>
            <numerusform>%n clients, the same categories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clients</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inactive</source>
        <translation>
            <numerusform>%n inactive</numerusform>
            <numerusform>%n inactive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n company(ies)</source>
        <translation>
            <numerusform>%n company</numerusform>
            <numerusform>%n companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenPage</name>
    <message numerus="yes">
        <source>Connected as %1 (%2). The token reaches %n client companies.</source>
        <translation>
            <numerusform>Connected as %1 (%2). The token reaches %n client company.</numerusform>
            <numerusform>Connected as %1 (%2). The token reaches %n client companies.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s date is %n day(s) off Tripletex&apos;s. The app used Tripletex&apos;s date, but please set the computer&apos;s date and time right (reports and sync times use it).</source>
        <translation>
            <numerusform>This computer&apos;s date is %n day off Tripletex&apos;s. The app used Tripletex&apos;s date, but please set the computer&apos;s date and time right (reports and sync times use it).</numerusform>
            <numerusform>This computer&apos;s date is %n days off Tripletex&apos;s. The app used Tripletex&apos;s date, but please set the computer&apos;s date and time right (reports and sync times use it).</numerusform>
        </translation>
    </message>
</context>
</TS>
