<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>Om %1</translation>
    </message>
    <message>
        <source>Connects Tripletex to your travel and expense workflow.</source>
        <translation>Kobler Tripletex til reiseregninger og utlegg.</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versjon:</translation>
    </message>
    <message>
        <source>Consumer token:</source>
        <translation>Consumer token:</translation>
    </message>
    <message>
        <source>included in this build</source>
        <translation>følger med denne utgaven</translation>
    </message>
    <message>
        <source>from the TRIPLETEX_CONSUMER_TOKEN environment variable</source>
        <translation>fra miljøvariabelen TRIPLETEX_CONSUMER_TOKEN</translation>
    </message>
    <message>
        <source>not included in this build: enter one under Advanced in the setup, or use the demo</source>
        <translation>følger ikke med denne utgaven: legg inn et under Avansert i oppsettet, eller bruk demoen</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Innstillinger:</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>Data:</translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation>Logger:</translation>
    </message>
    <message>
        <source>Check for a new version when the app starts</source>
        <translation>Se etter ny versjon når programmet starter</translation>
    </message>
    <message>
        <source>Asks the release page once at start. Nothing else is sent.</source>
        <translation>Spør utgivelsessiden én gang ved oppstart. Ingenting annet sendes.</translation>
    </message>
    <message>
        <source>This build has no release page to ask.</source>
        <translation>Denne utgaven har ingen utgivelsesside å spørre.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>You have the newest version.</source>
        <translation>Du har den nyeste versjonen.</translation>
    </message>
    <message>
        <source>Version %1 is available:</source>
        <translation>Versjon %1 er tilgjengelig:</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Last ned</translation>
    </message>
    <message>
        <source>Could not check for a new version now.</source>
        <translation>Fikk ikke sjekket etter ny versjon nå.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Your settings file could not be read, so the app started with default settings. The old file was kept as:
%1</source>
        <translation>Innstillingsfilen kunne ikke leses, så appen startet med standardinnstillinger. Den gamle filen er tatt vare på som:
%1</translation>
    </message>
</context>
<context>
    <name>CategoriesPage</name>
    <message>
        <source>(not chosen)</source>
        <translation>(ikke valgt)</translation>
    </message>
    <message>
        <source>This company&apos;s travel settings say mileage is not compensated; a mileage category is optional.</source>
        <translation>Reiseregningsinnstillingene i dette selskapet sier at kjøregodtgjørelse ikke utbetales, så en kategori for kjøregodtgjørelse er valgfri.</translation>
    </message>
    <message>
        <source>This company&apos;s travel settings say per diem is not compensated; a per diem category is optional.</source>
        <translation>Reiseregningsinnstillingene i dette selskapet sier at diett ikke utbetales, så en kategori for diett er valgfri.</translation>
    </message>
    <message>
        <source>The company has no active cost categories. Create them in Tripletex first.</source>
        <translation>Selskapet har ingen aktive kostnadskategorier. Opprett dem i Tripletex først.</translation>
    </message>
    <message numerus="yes">
        <source>Applied to %n other company(ies) with the same names.</source>
        <translation>
            <numerusform>Brukt på %n annet selskap med de samme navnene.</numerusform>
            <numerusform>Brukt på %n andre selskaper med de samme navnene.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cost categories</source>
        <translation>Kostnadskategorier</translation>
    </message>
    <message>
        <source>Where mileage and per diem are booked, and how employees&apos; own expenses are paid.</source>
        <translation>Hvor kjøregodtgjørelse og diett føres, og hvordan ansattes egne utlegg betales.</translation>
    </message>
    <message>
        <source>payment type</source>
        <translation>betalingstype</translation>
    </message>
    <message>
        <source>mileage allowance</source>
        <translation>kjøregodtgjørelse</translation>
    </message>
    <message>
        <source>per diem</source>
        <translation>diett</translation>
    </message>
    <message numerus="yes">
        <source>Loading the cost categories of %n company(ies) from Tripletex…</source>
        <translation>
            <numerusform>Henter kostnadskategoriene til %n selskap fra Tripletex …</numerusform>
            <numerusform>Henter kostnadskategoriene til %n selskaper fra Tripletex …</numerusform>
        </translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Henter …</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Ikke hentet</translation>
    </message>
    <message>
        <source>Choose %1</source>
        <translation>Velg %1</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 companies done.</source>
        <translation>
            <numerusform>%n av %1 selskaper er ferdige.</numerusform>
            <numerusform>%n av %1 selskaper er ferdige.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n companies done.</source>
        <translation>
            <numerusform>Alle %n selskaper er ferdige.</numerusform>
            <numerusform>Alle %n selskaper er ferdige.</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;ompanies:</source>
        <translation>Sel&amp;skaper:</translation>
    </message>
    <message>
        <source>Companies and whether their categories are done</source>
        <translation>Selskapene, og om kategoriene deres er valgt</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Selskap</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorier</translation>
    </message>
    <message>
        <source>Find company</source>
        <translation>Finn selskap</translation>
    </message>
    <message>
        <source>Ne&amp;xt not done</source>
        <translation>Neste &amp;uferdige</translation>
    </message>
    <message>
        <source>Show the next company whose categories are not done</source>
        <translation>Vis neste selskap der kategoriene ikke er valgt ferdig</translation>
    </message>
    <message>
        <source>&amp;Mileage allowance:</source>
        <translation>&amp;Kjøregodtgjørelse:</translation>
    </message>
    <message>
        <source>Cost category for mileage allowance</source>
        <translation>Kostnadskategori for kjøregodtgjørelse</translation>
    </message>
    <message>
        <source>&amp;Per diem:</source>
        <translation>&amp;Diett:</translation>
    </message>
    <message>
        <source>Cost category for per diem</source>
        <translation>Kostnadskategori for diett</translation>
    </message>
    <message>
        <source>Paid by the &amp;employee:</source>
        <translation>Betalt av den &amp;ansatte:</translation>
    </message>
    <message>
        <source>Payment type for costs the employee paid</source>
        <translation>Betalingstype for utlegg den ansatte har betalt</translation>
    </message>
    <message>
        <source>&amp;Toll on mileage (optional):</source>
        <translation>&amp;Bompenger på kjøring (valgfritt):</translation>
    </message>
    <message>
        <source>Cost category for toll paid on a mileage trip</source>
        <translation>Kostnadskategori for bompenger på en kjøretur</translation>
    </message>
    <message>
        <source>Appl&amp;y to all companies with the same category names</source>
        <translation>B&amp;ruk på alle selskaper med samme kategorinavn</translation>
    </message>
    <message>
        <source>Apply to all companies with the same category names</source>
        <translation>Bruk på alle selskaper med samme kategorinavn</translation>
    </message>
    <message>
        <source>&amp;Load again</source>
        <translation>&amp;Hent på nytt</translation>
    </message>
    <message>
        <source>Load the categories again</source>
        <translation>Hent kategoriene på nytt</translation>
    </message>
</context>
<context>
    <name>CheckPanel</name>
    <message>
        <source>Cancelled.</source>
        <extracomment>the input a successful connect was made with; any change invalidates the connection why the token cannot be stored securely (&quot;&quot; once checked and fine, None before the token page asked)</extracomment>
        <translation>Avbrutt.</translation>
    </message>
    <message>
        <source>Cancel c&amp;heck</source>
        <translation>Avbryt s&amp;jekken</translation>
    </message>
    <message>
        <source>Cancel check</source>
        <translation>Avbryt sjekken</translation>
    </message>
    <message>
        <source>Check in progress</source>
        <translation>Sjekker</translation>
    </message>
    <message>
        <source>Request ID:</source>
        <translation>Forespørsels-ID:</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Forespørsels-ID</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>K&amp;opier</translation>
    </message>
    <message>
        <source>Copy request ID</source>
        <translation>Kopier forespørsels-ID</translation>
    </message>
</context>
<context>
    <name>ClientsOverview</name>
    <message>
        <source>Client</source>
        <extracomment>Typing pauses this long before the client filter runs. reports ready to send, being sent, failed or unclear (None while the count is being read)</extracomment>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Sist synkronisert</translation>
    </message>
    <message>
        <source>Next sync</source>
        <translation>Neste synkronisering</translation>
    </message>
    <message>
        <source>Reports waiting</source>
        <translation>Reiseregninger som venter</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>Clients of this connection</source>
        <translation>Klientene i denne tilkoblingen</translation>
    </message>
    <message>
        <source>&amp;Find client:</source>
        <translation>&amp;Finn klient:</translation>
    </message>
    <message>
        <source>Name or part of it</source>
        <translation>Navn eller en del av det</translation>
    </message>
    <message>
        <source>Find client</source>
        <translation>Finn klient</translation>
    </message>
    <message>
        <source>S&amp;ync all clients now</source>
        <translation>S&amp;ynkroniser alle klientene nå</translation>
    </message>
    <message>
        <source>Sync all clients of this connection now</source>
        <translation>Synkroniser alle klientene i denne tilkoblingen nå</translation>
    </message>
    <message>
        <source>&amp;Open client</source>
        <translation>Å&amp;pne klient</translation>
    </message>
    <message>
        <source>Open the selected client</source>
        <translation>Åpne den valgte klienten</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n klient</numerusform>
            <numerusform>%n klienter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n trenger oppmerksomhet</numerusform>
            <numerusform>%n trenger oppmerksomhet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) waiting</source>
        <translation>
            <numerusform>%n reiseregning venter</numerusform>
            <numerusform>%n reiseregninger venter</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompaniesModel</name>
    <message>
        <source>Not checked yet</source>
        <translation>Ikke sjekket ennå</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>Sjekken mislyktes</translation>
    </message>
    <message numerus="yes">
        <source>%n permission(s) missing</source>
        <translation>
            <numerusform>%n tilgang mangler</numerusform>
            <numerusform>%n tilganger mangler</numerusform>
        </translation>
    </message>
    <message>
        <source>OK (some not confirmed)</source>
        <translation>OK (noe ikke bekreftet)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <extracomment>Norwegian alphabetical order (æ, ø, å after z) without a per-comparison collator.</extracomment>
        <translation>Sjekker …</translation>
    </message>
    <message>
        <source>OK, with warnings</source>
        <translation>OK, med advarsler</translation>
    </message>
    <message>
        <source>All granted</source>
        <translation>Alt er gitt</translation>
    </message>
    <message>
        <source>Company</source>
        <extracomment>companies whose check runs now (&quot;Checking…&quot; in the access column)</extracomment>
        <translation>Selskap</translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation>Organisasjonsnummer</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Tilgang</translation>
    </message>
</context>
<context>
    <name>CompaniesPage</name>
    <message numerus="yes">
        <source>%n of %1 companies chosen.</source>
        <extracomment>companies whose permission check runs now (the settings dialog checks clients added there)</extracomment>
        <translation>
            <numerusform>%n av %1 selskaper er valgt.</numerusform>
            <numerusform>%n av %1 selskaper er valgt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Selskaper</translation>
    </message>
    <message>
        <source>Choose the companies whose travel expenses this app should handle.</source>
        <translation>Velg selskapene som skal få reiseregningene sine håndtert av appen.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Søk:</translation>
    </message>
    <message>
        <source>Name or organisation number</source>
        <translation>Navn eller organisasjonsnummer</translation>
    </message>
    <message>
        <source>Search companies</source>
        <translation>Søk i selskaper</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Velg &amp;alle</translation>
    </message>
    <message>
        <source>Select all shown companies</source>
        <translation>Velg alle viste selskaper</translation>
    </message>
    <message>
        <source>Select n&amp;one</source>
        <translation>Velg &amp;ingen</translation>
    </message>
    <message>
        <source>Clear the selection of shown companies</source>
        <translation>Fjern valget for viste selskaper</translation>
    </message>
</context>
<context>
    <name>CompanyPanel</name>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Siste synkronisering:</translation>
    </message>
    <message>
        <source>Synced:</source>
        <translation>Synkronisert:</translation>
    </message>
    <message>
        <source>Next sync:</source>
        <translation>Neste synkronisering:</translation>
    </message>
    <message>
        <source>Sy&amp;nc now</source>
        <translation>S&amp;ynkroniser nå</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synkroniser nå</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <source>Cancel the running sync</source>
        <translation>Avbryt synkroniseringen som pågår</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Fremdrift for synkroniseringen</translation>
    </message>
    <message>
        <source>Waiting to start…</source>
        <translation>Venter på å starte …</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Aldri</translation>
    </message>
    <message>
        <source>Only when you click Sync now</source>
        <translation>Bare når du klikker Synkroniser nå</translation>
    </message>
</context>
<context>
    <name>ConnectionSettingsDialog</name>
    <message>
        <source>Connection settings – %1</source>
        <extracomment>the permission check of clients added here (its own panel: it can be cancelled, saving cannot)</extracomment>
        <translation>Innstillinger for tilkoblingen – %1</translation>
    </message>
    <message>
        <source>&amp;Companies</source>
        <translation>Sel&amp;skaper</translation>
    </message>
    <message>
        <source>Cost c&amp;ategories</source>
        <translation>&amp;Kostnadskategorier</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynkronisering</translation>
    </message>
    <message>
        <source>Connection settings</source>
        <translation>Innstillinger for tilkoblingen</translation>
    </message>
    <message>
        <source>&amp;Fetch the client list from Tripletex</source>
        <translation>&amp;Hent klientlisten fra Tripletex</translation>
    </message>
    <message>
        <source>Fetch the companies the token reaches from Tripletex</source>
        <translation>Hent selskapene nøkkelen når, fra Tripletex</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>Lagre innstillingene</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>The token is kept. Clients you add are checked for their permissions here; replace the token with File › Replace token.</source>
        <translation>Nøkkelen beholdes. Klienter du legger til, får tilgangene sine sjekket her; bytt nøkkel med Fil › Bytt nøkkel.</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>Sjekk &amp;tilgang på nytt</translation>
    </message>
    <message>
        <source>Check the access of the added clients again</source>
        <translation>Sjekk tilgangene til de tillagte klientene på nytt</translation>
    </message>
    <message>
        <source>&amp;Leave them out</source>
        <translation>&amp;Utelat dem</translation>
    </message>
    <message>
        <source>Leave out the added clients whose access is missing</source>
        <translation>Utelat de tillagte klientene som mangler tilgang</translation>
    </message>
    <message numerus="yes">
        <source>Checking the access of %n client(s) in Tripletex…</source>
        <translation>
            <numerusform>Sjekker tilgangene til %n klient i Tripletex …</numerusform>
            <numerusform>Sjekker tilgangene til %n klienter i Tripletex …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added client(s) cannot be used yet: %1. Tick what is missing on the token in Tripletex and check again, or leave them out.</source>
        <translation>
            <numerusform>%n tillagt klient kan ikke brukes ennå: %1. Kryss av det som mangler på nøkkelen i Tripletex og sjekk på nytt, eller utelat den.</numerusform>
            <numerusform>%n tillagte klienter kan ikke brukes ennå: %1. Kryss av det som mangler på nøkkelen i Tripletex og sjekk på nytt, eller utelat dem.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The access of %n added client(s) is not checked yet.</source>
        <translation>
            <numerusform>Tilgangen til %n tillagt klient er ikke sjekket ennå.</numerusform>
            <numerusform>Tilgangene til %n tillagte klienter er ikke sjekket ennå.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching the client list…</source>
        <translation>Henter klientlisten …</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Lagrer …</translation>
    </message>
</context>
<context>
    <name>CostLines</name>
    <message>
        <source>Costs</source>
        <translation>Utgifter</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Cost category</source>
        <translation>Kostnadskategori</translation>
    </message>
    <message>
        <source>Payment type</source>
        <translation>Betalingstype</translation>
    </message>
    <message>
        <source>Amount incl. VAT</source>
        <translation>Beløp inkl. mva.</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kvittering</translation>
    </message>
    <message>
        <source>NOK</source>
        <translation>NOK</translation>
    </message>
    <message>
        <source>Cost lines</source>
        <translation>Utgiftslinjer</translation>
    </message>
    <message>
        <source>Add &amp;cost</source>
        <translation>Legg til ut&amp;gift</translation>
    </message>
    <message>
        <source>Add cost line</source>
        <translation>Legg til utgiftslinje</translation>
    </message>
    <message>
        <source>Attac&amp;h receipt…</source>
        <translation>Legg ved kvitteri&amp;ng …</translation>
    </message>
    <message>
        <source>Attach a receipt to the selected cost</source>
        <translation>Legg ved en kvittering for valgt utgift</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Remove cost line</source>
        <translation>Fjern utgiftslinjen</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(velg)</translation>
    </message>
    <message>
        <source>(company default)</source>
        <translation>(selskapets standard)</translation>
    </message>
</context>
<context>
    <name>DataBrowser</name>
    <message>
        <source>Employees</source>
        <extracomment>The lists the browser offers, in order (storage kinds). A hidden column with &quot;label number id&quot; in lower case: the filter reads one cell per row, not four. Typing pauses this long before the filter runs (each run reads every row once). Columns are sized from the header and this many rows spread over the list, never from every row (measuring 20,000 rows on the GUI thread froze the window for a quarter of a second). A column sized from its contents is never wider than this (the user can still widen it).</extracomment>
        <translation>Ansatte</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Prosjekter</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Avdelinger</translation>
    </message>
    <message>
        <source>Cost categories</source>
        <translation>Kostnadskategorier</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Vis:</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>Sø&amp;k:</translation>
    </message>
    <message>
        <source>Name, number or ID</source>
        <translation>Navn, nummer eller ID</translation>
    </message>
    <message>
        <source>Which synced data to show</source>
        <translation>Hvilke synkroniserte data som skal vises</translation>
    </message>
    <message>
        <source>Search synced data</source>
        <translation>Søk i synkroniserte data</translation>
    </message>
    <message>
        <source>Synced data</source>
        <translation>Synkroniserte data</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tripletex ID</source>
        <translation>Tripletex-ID</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laster …</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n rad</numerusform>
            <numerusform>%n rader</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 av %2 rader</translation>
    </message>
</context>
<context>
    <name>DryRunDialog</name>
    <message>
        <source>The journey description (or an expense&apos;s title) ends with a reference such as [TD:ab12cd34], and each cost&apos;s comment with one such as [TD:ab12cd34:c0]. Tripletex Desktop finds the report again by it and so never sends it twice: leave it in place in Tripletex.</source>
        <translation>Reisebeskrivelsen (eller tittelen på et utlegg) slutter med en referanse som [TD:ab12cd34], og kommentaren på hver utgift med en som [TD:ab12cd34:c0]. Tripletex Desktop finner reiseregningen igjen med den og sender den derfor aldri to ganger: la den stå i Tripletex.</translation>
    </message>
    <message>
        <source>Preview – nothing is sent</source>
        <translation>Forhåndsvisning – ingenting sendes</translation>
    </message>
    <message>
        <source>What would be created in Tripletex</source>
        <translation>Dette ville blitt opprettet i Tripletex</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hva</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Amount (NOK)</source>
        <translation>Beløp (NOK)</translation>
    </message>
    <message>
        <source>Show &amp;technical details</source>
        <translation>Vis &amp;tekniske detaljer</translation>
    </message>
    <message>
        <source>Show the exact requests as JSON</source>
        <translation>Vis de nøyaktige forespørslene som JSON</translation>
    </message>
    <message>
        <source>Requests that would be sent, as JSON</source>
        <translation>Forespørsler som ville blitt sendt, som JSON</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Hide &amp;technical details</source>
        <translation>Skjul &amp;tekniske detaljer</translation>
    </message>
    <message>
        <source>Travel report</source>
        <translation>Reiseregning</translation>
    </message>
    <message>
        <source>Employee expense</source>
        <translation>Ansattutlegg</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kvittering</translation>
    </message>
    <message>
        <source>Delivered in Tripletex</source>
        <translation>Leveres i Tripletex</translation>
    </message>
    <message>
        <source>The report is delivered for approval.</source>
        <translation>Reiseregningen leveres til godkjenning.</translation>
    </message>
    <message>
        <source>Approved in Tripletex</source>
        <translation>Godkjennes i Tripletex</translation>
    </message>
    <message>
        <source>The report is approved in Tripletex.</source>
        <translation>Reiseregningen godkjennes i Tripletex.</translation>
    </message>
    <message>
        <source>(≈ costs in other currencies at the rate of their date)</source>
        <translation>(≈ utlegg i annen valuta til kursen på datoen)</translation>
    </message>
    <message>
        <source>To be paid out</source>
        <translation>Til utbetaling</translation>
    </message>
    <message>
        <source>%1, %2 km × %3</source>
        <translation>%1, %2 km × %3</translation>
    </message>
    <message>
        <source>Mileage allowance</source>
        <translation>Kjøregodtgjørelse</translation>
    </message>
    <message numerus="yes">
        <source>%n passenger(s), %1 km × %2</source>
        <translation>
            <numerusform>%n passasjer, %1 km × %2</numerusform>
            <numerusform>%n passasjerer, %1 km × %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Passenger supplement</source>
        <translation>Passasjertillegg</translation>
    </message>
    <message>
        <source>Toll</source>
        <translation>Bompenger</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) × %1</source>
        <translation>
            <numerusform>%n døgn × %1</numerusform>
            <numerusform>%n døgn × %1</numerusform>
        </translation>
    </message>
    <message>
        <source>minus meals %1</source>
        <translation>minus måltider %1</translation>
    </message>
    <message>
        <source>Per diem</source>
        <translation>Diett</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Utlegg</translation>
    </message>
    <message>
        <source>× %1, the exchange rate of its date</source>
        <translation>× %1, kursen på datoen</translation>
    </message>
    <message>
        <source>converted by Tripletex</source>
        <translation>omregnes av Tripletex</translation>
    </message>
    <message>
        <source>The report cannot be sent yet:</source>
        <translation>Reiseregningen kan ikke sendes ennå:</translation>
    </message>
    <message>
        <source>This is what a send would create. Nothing was created.</source>
        <translation>Dette ville en sending opprettet. Ingenting er opprettet.</translation>
    </message>
    <message>
        <source>Tripletex could not be asked: %1</source>
        <translation>Fikk ikke spurt Tripletex: %1</translation>
    </message>
    <message>
        <source>Tripletex already has this report (number %1); a send would complete it, not repeat it.</source>
        <translation>Tripletex har allerede denne reiseregningen (nummer %1). En sending ville fullført den, ikke gjentatt den.</translation>
    </message>
    <message>
        <source>Tripletex has no travel expense from this report yet.</source>
        <translation>Tripletex har ingen reiseregning fra denne ennå.</translation>
    </message>
</context>
<context>
    <name>EnvironmentPage</name>
    <message>
        <source>Environment</source>
        <translation>Miljø</translation>
    </message>
    <message>
        <source>Which Tripletex do you want to connect to?</source>
        <translation>Hvilken Tripletex vil du koble til?</translation>
    </message>
    <message>
        <source>&amp;Production (tripletex.no)</source>
        <translation>&amp;Produksjon (tripletex.no)</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produksjon</translation>
    </message>
    <message>
        <source>&amp;Test (api-test.tripletex.tech)</source>
        <translation>T&amp;est (api-test.tripletex.tech)</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>&amp;Demo (built-in, no account needed)</source>
        <translation>&amp;Demo (innebygd, krever ingen konto)</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Your company&apos;s real accounts.</source>
        <translation>Selskapets ekte regnskap.</translation>
    </message>
    <message>
        <source>This copy of Tripletex Desktop was built without Tripletex&apos;s key for the app, so it cannot connect to your real accounts by itself. Install the official release, or, if your accounting office has its own application key from Tripletex, enter it below as the consumer token. Demo and Test work as they are.</source>
        <translation>Denne utgaven av Tripletex Desktop er bygget uten Tripletex-nøkkelen for appen, så den kan ikke koble til ditt ekte regnskap av seg selv. Installer den offisielle utgaven, eller, hvis regnskapskontoret ditt har sin egen applikasjonsnøkkel fra Tripletex, legg den inn under, i feltet Konsumentnøkkel. Demo og Test virker som de er.</translation>
    </message>
    <message>
        <source>Tripletex&apos;s test environment for developers; its tokens start with “test-”.</source>
        <translation>Tripletex sitt testmiljø for utviklere. Nøklene der begynner med «test-».</translation>
    </message>
    <message>
        <source>A simulated Tripletex with sample companies on this computer. Nothing is sent anywhere.</source>
        <translation>En simulert Tripletex med eksempelselskaper på denne maskinen. Ingenting sendes noe sted.</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>A&amp;vansert</translation>
    </message>
    <message>
        <source>Show advanced settings</source>
        <translation>Vis avanserte innstillinger</translation>
    </message>
    <message>
        <source>API add&amp;ress:</source>
        <translation>API-&amp;adresse:</translation>
    </message>
    <message>
        <source>Leave empty for the standard address</source>
        <translation>La stå tomt for standardadressen</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API-adresse</translation>
    </message>
    <message>
        <source>C&amp;onsumer token:</source>
        <translation>&amp;Konsumentnøkkel:</translation>
    </message>
    <message>
        <source>Stored; type a new one to replace it</source>
        <translation>Lagret. Skriv inn en ny for å erstatte den</translation>
    </message>
    <message>
        <source>The application key from Tripletex (this build has none of its own)</source>
        <translation>Applikasjonsnøkkelen fra Tripletex (denne utgaven har ingen egen)</translation>
    </message>
    <message>
        <source>Leave empty to use the built-in one</source>
        <translation>La stå tomt for å bruke den innebygde</translation>
    </message>
    <message>
        <source>Consumer token</source>
        <translation>Konsumentnøkkel (consumer token)</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <source>Request &amp;ID:</source>
        <extracomment>Which box in Tripletex&apos;s token access dialog (its own Norwegian labels, see docs/permissions.md) unlocks each list when it answers 403. At most this many buttons: the first is the default fix. the token pasted into the panel&apos;s own field (action &quot;paste_token&quot;): check and store it</extracomment>
        <translation>For&amp;espørsels-ID:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>Copy request ID</source>
        <translation>Kopier forespørsels-ID</translation>
    </message>
    <message>
        <source>Request ID for Tripletex support</source>
        <translation>Forespørsels-ID til Tripletex kundestøtte</translation>
    </message>
    <message>
        <source>New &amp;token:</source>
        <translation>Ny &amp;nøkkel:</translation>
    </message>
    <message>
        <source>Paste the employee token from Tripletex</source>
        <translation>Lim inn brukernøkkelen fra Tripletex</translation>
    </message>
    <message>
        <source>New employee token</source>
        <translation>Ny brukernøkkel</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Paste the token from the clipboard</source>
        <translation>Lim inn nøkkelen fra utklippstavlen</translation>
    </message>
    <message>
        <source>Check and &amp;save</source>
        <translation>Kontroller og l&amp;agre</translation>
    </message>
    <message>
        <source>Check the token with Tripletex and store it</source>
        <translation>Kontroller nøkkelen mot Tripletex og lagre den</translation>
    </message>
    <message>
        <source>Fix the problem</source>
        <translation>Rett problemet</translation>
    </message>
    <message>
        <source>In Tripletex, open the token&apos;s access settings and tick “%1” under %2.</source>
        <translation>Åpne tilgangene til nøkkelen i Tripletex og kryss av for «%1» under %2.</translation>
    </message>
    <message>
        <source>Waiting until %1 before trying again.</source>
        <translation>Venter til %1 før neste forsøk.</translation>
    </message>
    <message>
        <source>Retrying automatically at %1.</source>
        <translation>Prøver automatisk igjen %1.</translation>
    </message>
    <message>
        <source>Use Sync now to try again.</source>
        <translation>Bruk Synkroniser nå for å prøve igjen.</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Marked ready to send</source>
        <extracomment>What happened to a travel report (storage.reports EVENT_KINDS), in the owner&apos;s words.</extracomment>
        <translation>Klar til sending</translation>
    </message>
    <message>
        <source>Reopened for editing</source>
        <translation>Åpnet for endring igjen</translation>
    </message>
    <message>
        <source>Sent to Tripletex</source>
        <translation>Sendt til Tripletex</translation>
    </message>
    <message>
        <source>Sending failed</source>
        <translation>Sendingen mislyktes</translation>
    </message>
    <message>
        <source>Unclear whether it arrived</source>
        <translation>Uklart om den kom fram</translation>
    </message>
    <message>
        <source>Status checked in Tripletex</source>
        <translation>Status sjekket i Tripletex</translation>
    </message>
    <message>
        <source>Not found in Tripletex</source>
        <translation>Ikke funnet i Tripletex</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Travel report: %1</source>
        <translation>Reiseregning: %1</translation>
    </message>
    <message>
        <source>Company: %1</source>
        <translation>Selskap: %1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Tripletex number: %1</source>
        <translation>Tripletex-nummer: %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hendelse</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Selskap</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>Gjelder</translation>
    </message>
    <message>
        <source>Tripletex no.</source>
        <translation>Tripletex-nr.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>History: every sync, approval and send</source>
        <translation>Historikk: hver synkronisering, klarmelding og sending</translation>
    </message>
    <message>
        <source>Details of the selected entry</source>
        <translation>Detaljer om den valgte hendelsen</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Vis:</translation>
    </message>
    <message>
        <source>Show in the history</source>
        <translation>Vis i historikken</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation>Synkroniseringer</translation>
    </message>
    <message>
        <source>Travel reports</source>
        <translation>Reiseregninger</translation>
    </message>
    <message>
        <source>Nothing has happened yet</source>
        <translation>Ingenting har skjedd ennå</translation>
    </message>
    <message>
        <source>Every sync, and every travel report marked ready, sent or checked, is listed here.</source>
        <translation>Hver synkronisering, og hver reiseregning som er gjort klar, sendt eller sjekket, blir listet her.</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synkroniser &amp;nå</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synkroniser nå</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Employee for rows without one</source>
        <translation>Ansatt for rader uten ansatt</translation>
    </message>
    <message>
        <source>(from the file)</source>
        <translation>(fra filen)</translation>
    </message>
    <message>
        <source>&amp;Employee:</source>
        <translation>&amp;Ansatt:</translation>
    </message>
    <message>
        <source>Import travel reports</source>
        <translation>Importer reiseregninger</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Fil som skal importeres</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom …</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Velg en fil</translation>
    </message>
    <message>
        <source>&amp;Read file</source>
        <translation>&amp;Les filen</translation>
    </message>
    <message>
        <source>Read the file</source>
        <translation>Les filen</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Selskap</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>&amp;Selskap:</translation>
    </message>
    <message>
        <source>Choose a file or drop one here; the Format tab shows what it may contain.</source>
        <translation>Velg en fil eller slipp den her; fanen Format viser hva den kan inneholde.</translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation>Problemer funnet i filen</translation>
    </message>
    <message>
        <source>Used when the file has no employee column, or the cell is empty</source>
        <translation>Brukes når filen ikke har en ansattkolonne, eller cellen er tom</translation>
    </message>
    <message>
        <source>How rows become reports</source>
        <translation>Hvordan rader blir reiseregninger</translation>
    </message>
    <message>
        <source>Trips are grouped by trip key or by times; a driving log makes one report per month</source>
        <translation>Reiser grupperes etter reisenøkkel eller tidspunkter; en kjørebok gir én reiseregning per måned</translation>
    </message>
    <message>
        <source>One report per trip (trip key, or times that overlap)</source>
        <translation>Én reiseregning per reise (reisenøkkel eller tider som henger sammen)</translation>
    </message>
    <message>
        <source>Driving log: one report per employee per month</source>
        <translation>Kjørebok: én reiseregning per ansatt per måned</translation>
    </message>
    <message>
        <source>&amp;Group rows:</source>
        <translation>&amp;Gruppering:</translation>
    </message>
    <message>
        <source>Suggest per &amp;diem</source>
        <translation>Foreslå &amp;diett</translation>
    </message>
    <message>
        <source>Suggest per diem</source>
        <translation>Foreslå diett</translation>
    </message>
    <message>
        <source>Adds per diem from each trip&apos;s own times, at the rate of each day</source>
        <translation>Legger til diett ut fra hver reises egne tidspunkter, med satsen for hver dag</translation>
    </message>
    <message>
        <source>Import &amp;only the valid rows</source>
        <translation>Importer kun g&amp;yldige rader</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>Importer kun gyldige rader</translation>
    </message>
    <message>
        <source>Rows with problems, and the other rows of their report, are left out</source>
        <translation>Rader med problemer, og de andre radene i samme reiseregning, blir utelatt</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Leser filen</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>A&amp;vbryt</translation>
    </message>
    <message>
        <source>Stop reading the file</source>
        <translation>Slutt å lese filen</translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation>Forhåndsvisning av importen</translation>
    </message>
    <message>
        <source>Show only rows with &amp;problems</source>
        <translation>Vis bare rader med &amp;problemer</translation>
    </message>
    <message>
        <source>Show only rows with problems</source>
        <translation>Vis bare rader med problemer</translation>
    </message>
    <message>
        <source>Rows of the file, with their status</source>
        <translation>Radene i filen, med status</translation>
    </message>
    <message>
        <source>Ro&amp;ws</source>
        <translation>Rad&amp;er</translation>
    </message>
    <message>
        <source>The reports the rows make: legs, costs and suggested per diem</source>
        <translation>Reiseregningene radene gir: strekninger, utgifter og foreslått diett</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Reiseregning</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Ansatt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Når</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløp</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rader</translation>
    </message>
    <message>
        <source>Repor&amp;ts</source>
        <translation>Reiseregni&amp;nger</translation>
    </message>
    <message>
        <source>Co&amp;lumns</source>
        <translation>&amp;Kolonner</translation>
    </message>
    <message>
        <source>The columns and values the import accepts</source>
        <translation>Kolonnene og verdiene importen godtar</translation>
    </message>
    <message>
        <source>For&amp;mat</source>
        <translation>For&amp;mat</translation>
    </message>
    <message>
        <source>Notes about the rows</source>
        <translation>Merknader om radene</translation>
    </message>
    <message>
        <source>&amp;Save rows to fix…</source>
        <translation>Lagre rader som må &amp;rettes …</translation>
    </message>
    <message>
        <source>Save the rows that were not imported, with their problems, as a file to fix</source>
        <translation>Lagre radene som ikke ble importert, med problemene, som en fil du kan rette</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Import the rows</source>
        <translation>Importer radene</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>One row is a leg of a trip (places, times, km), a cost (cost type and amount), or both. Rows with the same trip key – or one employee&apos;s rows whose times overlap or touch – make one travel report; each leg keeps its own date and rate. A cost without a trip key is an employee expense of its own.</source>
        <translation>En rad er en strekning på en reise (steder, tider, km), en utgift (kostnadstype og beløp), eller begge deler. Rader med samme reisenøkkel – eller én ansatts rader der tidene overlapper eller henger sammen – blir én reiseregning; hver strekning beholder sin egen dato og sats. En utgift uten reisenøkkel blir et eget ansattutlegg.</translation>
    </message>
    <message>
        <source>CSV separated by ; , or tab, in UTF-8 or Windows-1252 (as Excel saves it), or an Excel workbook (.xlsx: the first sheet with these headers). Title rows and blank rows above the headers are skipped, a totals row at the bottom is ignored. Importing the same rows again adds nothing. Help → Import template gives a file with example rows.</source>
        <translation>CSV skilt med ; , eller tabulator, i UTF-8 eller Windows-1252 (slik Excel lagrer), eller en Excel-arbeidsbok (.xlsx: det første arket med disse overskriftene). Tittelrader og tomme rader over overskriftene hoppes over, en sumrad nederst ignoreres. Å importere de samme radene igjen legger ikke til noe. Hjelp → Importmal gir en fil med eksempelrader.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolonne</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>Påkrevd</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Overskrifter</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Verdier</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.txt *.tsv *.xlsx *.xlsm)</source>
        <translation>Regneark (*.csv *.txt *.tsv *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-arbeidsbok (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-fil (*.csv)</translation>
    </message>
    <message>
        <source>Save rows to fix</source>
        <translation>Lagre rader som må rettes</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutt.</translation>
    </message>
    <message>
        <source>Driving log %1</source>
        <translation>Kjørebok %1</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Leser …</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>Sjekker radene …</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(ikke brukt)</translation>
    </message>
    <message>
        <source>Columns as chosen last time for files like this one.</source>
        <translation>Kolonnene slik de ble valgt sist for filer som denne.</translation>
    </message>
    <message>
        <source>Columns guessed from the headers; check them.</source>
        <translation>Kolonnene er gjettet ut fra overskriftene. Sjekk dem.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in the file.</source>
        <translation>
            <numerusform>%n rad i filen.</numerusform>
            <numerusform>%n rader i filen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sheet: %1.</source>
        <translation>Ark: %1.</translation>
    </message>
    <message>
        <source>Choose the missing columns on the Columns tab.</source>
        <translation>Velg kolonnene som mangler, i fanen Kolonner.</translation>
    </message>
    <message numerus="yes">
        <source>%n new report(s).</source>
        <translation>
            <numerusform>%n ny reiseregning.</numerusform>
            <numerusform>%n nye reiseregninger.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were imported before and will be skipped</source>
        <translation>
            <numerusform>%n rad er importert før og hoppes over</numerusform>
            <numerusform>%n rader er importert før og hoppes over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems or are held back.</source>
        <translation>
            <numerusform>%n rad har problemer eller holdes tilbake.</numerusform>
            <numerusform>%n rader har problemer eller holdes tilbake.</numerusform>
        </translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Not imported: a row of this report has a problem.</source>
        <translation>Ikke importert: en rad i denne reiseregningen har et problem.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… og %n til.</numerusform>
            <numerusform>… og %n til.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n problem(s) must be fixed in the file first, or tick “Import only the valid rows”.</source>
        <translation>
            <numerusform>Ingenting ble importert: %n problem må rettes i filen først, eller kryss av for «Importer kun gyldige rader».</numerusform>
            <numerusform>Ingenting ble importert: %n problemer må rettes i filen først, eller kryss av for «Importer kun gyldige rader».</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importerer …</translation>
    </message>
    <message>
        <source>Skipped rows: %1.</source>
        <translation>Rader som ble hoppet over: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems were not imported; use “Save rows to fix”.</source>
        <translation>
            <numerusform>%n rad med problemer ble ikke importert; bruk «Lagre rader som må rettes».</numerusform>
            <numerusform>%n rader med problemer ble ikke importert; bruk «Lagre rader som må rettes».</numerusform>
        </translation>
    </message>
    <message>
        <source>-to-fix</source>
        <translation>-til-retting</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to fix in %1.</source>
        <translation>
            <numerusform>Lagret %n rad som må rettes, i %1.</numerusform>
            <numerusform>Lagret %n rader som må rettes, i %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Lagrer …</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n report(s) as drafts.</source>
        <translation>
            <numerusform>Importerte %n reiseregning som utkast.</numerusform>
            <numerusform>Importerte %n reiseregninger som utkast.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were imported before and were skipped.</source>
        <translation>
            <numerusform>%n rad var importert før og ble hoppet over.</numerusform>
            <numerusform>%n rader var importert før og ble hoppet over.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportFormatDialog</name>
    <message>
        <source>The columns and values the import accepts</source>
        <translation>Kolonnene og verdiene importen godtar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Import format</source>
        <translation>Importformat</translation>
    </message>
</context>
<context>
    <name>ImportTemplateActions</name>
    <message>
        <source>Import template (&amp;CSV)…</source>
        <extracomment>write(path, language, year) -&gt; the path written (services.importing.write_template)</extracomment>
        <translation>Importmal (&amp;CSV) …</translation>
    </message>
    <message>
        <source>Import template (E&amp;xcel)…</source>
        <translation>Importmal (E&amp;xcel) …</translation>
    </message>
    <message>
        <source>Save a file with the columns the import reads and example rows</source>
        <translation>Lagre en fil med kolonnene importen leser, og eksempelrader</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-arbeidsbok (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-fil (*.csv)</translation>
    </message>
    <message>
        <source>Save import template</source>
        <translation>Lagre importmal</translation>
    </message>
    <message>
        <source>travel-import-template</source>
        <translation>importmal-reiser</translation>
    </message>
</context>
<context>
    <name>LinesTable</name>
    <message>
        <source>%1, row %2</source>
        <extracomment>An amount or count that did not parse (validation reports it). A date that did not parse (validation reports it; never shown). how many characters a combo box cell shows before it elides (its whole text is the tooltip)</extracomment>
        <translation>%1, rad %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Import template saved to %1</source>
        <extracomment>The longest the window waits for its first paint before starting its background reads anyway. Report states that wait for a send, or for the user after one (storage.reports.STATES). open_wizard(parent, existing connection or None, start_at_token_page) -&gt; a dialog emitting connectionCreated reports_view(connection) -&gt; the Travel reports widget of one connection (ui.reports.ReportsView), or None checks and stores a replaced token (services.wizard.WizardBackend.replace_token); built on first use False until the first paint (or, for a window never shown, the first event-loop turn): the reads and backends the window needs only after it appeared wait until then (`_after_first_paint`). True until the build&apos;s release feed is asked for (services.about.update_checker, on first use)</extracomment>
        <translation>Importmalen er lagret i %1</translation>
    </message>
    <message>
        <source>Demo: this is a simulated Tripletex on this computer, with sample companies. Nothing you do here reaches your own company.</source>
        <translation>Demo: dette er en simulert Tripletex på denne maskinen, med eksempelselskaper. Ingenting du gjør her, når ditt eget selskap.</translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation>Demomodus</translation>
    </message>
    <message>
        <source>No connection to Tripletex yet</source>
        <translation>Ingen tilkobling til Tripletex ennå</translation>
    </message>
    <message>
        <source>Add a connection with your employee token (or try the built-in demo), or import the profile exported on another machine.</source>
        <translation>Legg til en tilkobling med brukernøkkelen din (eller prøv den innebygde demoen), eller importer profilen som ble eksportert på en annen maskin.</translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation>Legg til tilkobling</translation>
    </message>
    <message>
        <source>Connection / company</source>
        <translation>Tilkobling / selskap</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Connections and companies</source>
        <translation>Tilkoblinger og selskaper</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Oversikt</translation>
    </message>
    <message>
        <source>Synced &amp;data</source>
        <translation>Synkroniserte &amp;data</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>His&amp;torikk</translation>
    </message>
    <message>
        <source>&amp;Travel reports</source>
        <translation>&amp;Reiseregninger</translation>
    </message>
    <message>
        <source>Choose a connection to see its travel reports.</source>
        <translation>Velg en tilkobling for å se reiseregningene for den.</translation>
    </message>
    <message>
        <source>Details of the selected company</source>
        <translation>Detaljer om valgt selskap</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synkronisering</translation>
    </message>
    <message>
        <source>S&amp;ettings</source>
        <translation>&amp;Innstillinger</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <source>&amp;Add connection…</source>
        <translation>&amp;Legg til tilkobling …</translation>
    </message>
    <message>
        <source>&amp;Edit connection…</source>
        <translation>&amp;Endre tilkobling …</translation>
    </message>
    <message>
        <source>&amp;Replace token…</source>
        <translation>&amp;Bytt nøkkel …</translation>
    </message>
    <message>
        <source>E&amp;xport profile…</source>
        <translation>E&amp;ksporter profil …</translation>
    </message>
    <message>
        <source>&amp;Import profile…</source>
        <translation>&amp;Importer profil …</translation>
    </message>
    <message>
        <source>Create &amp;support bundle</source>
        <translation>Lag &amp;supportpakke</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synkroniser nå</translation>
    </message>
    <message>
        <source>Sync &amp;all connections</source>
        <translation>Synkroniser &amp;alle tilkoblinger</translation>
    </message>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>A&amp;vbryt synkroniseringen</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;Om %1</translation>
    </message>
    <message>
        <source>How to create the employee &amp;token…</source>
        <translation>Slik lager du &amp;brukernøkkelen …</translation>
    </message>
    <message>
        <source>Import &amp;format…</source>
        <translation>Import&amp;format …</translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation>&amp;Vis vinduet</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (demo)</translation>
    </message>
    <message>
        <source>All connections are in sync</source>
        <translation>Alle tilkoblinger er synkronisert</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkroniserer …</translation>
    </message>
    <message>
        <source>A connection needs attention</source>
        <translation>En tilkobling trenger oppmerksomhet</translation>
    </message>
    <message>
        <source>The last sync failed</source>
        <translation>Siste synkronisering mislyktes</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ikke synkronisert ennå</translation>
    </message>
    <message>
        <source>Checking the token with Tripletex…</source>
        <translation>Kontrollerer nøkkelen mot Tripletex …</translation>
    </message>
    <message>
        <source>The new token is stored. Syncing…</source>
        <translation>Den nye nøkkelen er lagret. Synkroniserer …</translation>
    </message>
    <message>
        <source>Export profile</source>
        <translation>Eksporter profil</translation>
    </message>
    <message>
        <source>Profile (*.json)</source>
        <translation>Profil (*.json)</translation>
    </message>
    <message>
        <source>Profile saved to %1</source>
        <translation>Profilen er lagret i %1</translation>
    </message>
    <message>
        <source>Import profile</source>
        <translation>Importer profil</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuelt</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Aldri</translation>
    </message>
    <message>
        <source>%1 [Demo]</source>
        <translation>%1 [Demo]</translation>
    </message>
    <message>
        <source>Profile imported. Replace the token of each new connection.</source>
        <translation>Profilen er importert. Legg inn ny nøkkel for hver nye tilkobling.</translation>
    </message>
    <message>
        <source>Creating support bundle…</source>
        <translation>Lager supportpakke …</translation>
    </message>
    <message>
        <source>Support bundle saved: %1</source>
        <translation>Supportpakken er lagret: %1</translation>
    </message>
    <message>
        <source>Version %1 is available:</source>
        <translation>Versjon %1 er tilgjengelig:</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Last ned</translation>
    </message>
    <message>
        <source>Still syncing in the background. Use Quit in the tray menu to stop.</source>
        <translation>Synkroniserer fortsatt i bakgrunnen. Velg Avslutt i systemstatusfeltet for å stoppe.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This value is not accepted (%1).</source>
        <extracomment>The actions each error&apos;s fix recommends (codes of ERRORS). Fixes that recommend no action this app could take (with why), so they have no button.</extracomment>
        <translation>Denne verdien godtas ikke (%1).</translation>
    </message>
    <message>
        <source>The connection settings are incomplete</source>
        <extracomment>keys of ACTIONS, most useful first; each screen shows a button for those it can carry out</extracomment>
        <translation>Tilkoblingsinnstillingene er ufullstendige</translation>
    </message>
    <message>
        <source>Something the connection needs is missing, so nothing was sent to Tripletex.</source>
        <translation>Noe tilkoblingen trenger, mangler, så ingenting ble sendt til Tripletex.</translation>
    </message>
    <message>
        <source>Check the environment and, under Advanced, the address and consumer token.</source>
        <translation>Sjekk miljøet og, under Avansert, adressen og konsumentnøkkelen.</translation>
    </message>
    <message>
        <source>This is a test token</source>
        <translation>Dette er en testnøkkel</translation>
    </message>
    <message>
        <source>The employee token starts with “test-”, so it belongs to Tripletex&apos;s test environment, but Production is selected. Nothing was sent.</source>
        <translation>Brukernøkkelen begynner med «test-» og hører derfor til Tripletex sitt testmiljø, men Produksjon er valgt. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Go back and choose Test, or create the token in your ordinary Tripletex account.</source>
        <translation>Gå tilbake og velg Test, eller opprett nøkkelen i den vanlige Tripletex-kontoen din.</translation>
    </message>
    <message>
        <source>This does not look like an employee token</source>
        <translation>Dette ser ikke ut som en brukernøkkel</translation>
    </message>
    <message>
        <source>The field is empty or contains characters a token never has.</source>
        <translation>Feltet er tomt eller inneholder tegn som en nøkkel aldri har.</translation>
    </message>
    <message>
        <source>Copy the token again from Tripletex and paste it with the Paste button.</source>
        <translation>Kopier nøkkelen på nytt fra Tripletex og lim den inn med Lim inn-knappen.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Avbrutt</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>Sjekken ble avbrutt.</translation>
    </message>
    <message>
        <source>No connection to Tripletex</source>
        <translation>Ingen forbindelse med Tripletex</translation>
    </message>
    <message>
        <source>The computer could not reach Tripletex.</source>
        <translation>Maskinen fikk ikke kontakt med Tripletex.</translation>
    </message>
    <message>
        <source>Check that you are online and try again.</source>
        <translation>Sjekk at du er koblet til Internett, og prøv igjen.</translation>
    </message>
    <message>
        <source>Tripletex did not answer in time</source>
        <translation>Tripletex svarte ikke i tide</translation>
    </message>
    <message>
        <source>The request took too long. The network may be slow, or Tripletex is busy.</source>
        <translation>Forespørselen tok for lang tid. Nettet kan være tregt, eller Tripletex har mye å gjøre.</translation>
    </message>
    <message>
        <source>Try again in a moment.</source>
        <translation>Prøv igjen om litt.</translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation>Den sikre forbindelsen mislyktes</translation>
    </message>
    <message>
        <source>The certificate check failed, so the connection was stopped. This often happens on networks that inspect encrypted traffic.</source>
        <translation>Sertifikatsjekken mislyktes, så forbindelsen ble stoppet. Dette skjer ofte på nett som inspiserer kryptert trafikk.</translation>
    </message>
    <message>
        <source>Try another network, or ask your IT department to allow tripletex.no.</source>
        <translation>Prøv et annet nett, eller be IT-avdelingen åpne for tripletex.no.</translation>
    </message>
    <message>
        <source>The proxy refused the connection</source>
        <translation>Proxyserveren avviste forbindelsen</translation>
    </message>
    <message>
        <source>The connection goes through a proxy server, and it did not let the request through.</source>
        <translation>Forbindelsen går gjennom en proxyserver, og den slapp ikke forespørselen gjennom.</translation>
    </message>
    <message>
        <source>Check the proxy settings of your system, or ask your IT department.</source>
        <translation>Sjekk proxyinnstillingene på maskinen, eller spør IT-avdelingen.</translation>
    </message>
    <message>
        <source>Tripletex reported an error</source>
        <translation>Tripletex meldte en feil</translation>
    </message>
    <message>
        <source>Tripletex could not carry out the request.</source>
        <translation>Tripletex kunne ikke utføre forespørselen.</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, contact Tripletex support with the request ID.</source>
        <translation>Prøv igjen. Skjer det igjen, kontakt Tripletex kundestøtte og oppgi forespørsels-ID-en.</translation>
    </message>
    <message>
        <source>Tripletex did not understand the request</source>
        <translation>Tripletex forsto ikke forespørselen</translation>
    </message>
    <message>
        <source>This is an error in Tripletex Desktop, not in your data.</source>
        <translation>Dette er en feil i Tripletex Desktop, ikke i dataene dine.</translation>
    </message>
    <message>
        <source>Please report it together with the request ID.</source>
        <translation>Meld gjerne fra om feilen sammen med forespørsels-ID-en.</translation>
    </message>
    <message>
        <source>Tripletex refused the login</source>
        <translation>Tripletex avviste innloggingen</translation>
    </message>
    <message>
        <source>The employee token no longer gives access.</source>
        <translation>Brukernøkkelen gir ikke lenger tilgang.</translation>
    </message>
    <message>
        <source>Create a new employee token in Tripletex and paste it here.</source>
        <translation>Opprett en ny brukernøkkel i Tripletex og lim den inn her.</translation>
    </message>
    <message>
        <source>Tripletex does not recognise the employee token</source>
        <translation>Tripletex kjenner ikke igjen brukernøkkelen</translation>
    </message>
    <message>
        <source>The token is incomplete, was deleted or has expired, was made for another application, or belongs to the other environment (a token made in Tripletex&apos;s test environment does not work in production, and the other way round).</source>
        <translation>Nøkkelen er ufullstendig, slettet eller utløpt, laget for en annen applikasjon, eller hører til det andre miljøet (en nøkkel fra Tripletex sitt testmiljø virker ikke i produksjon, og omvendt).</translation>
    </message>
    <message>
        <source>Copy the whole token again. If that does not help, create a new one and pick this application&apos;s name exactly as shown.</source>
        <translation>Kopier hele nøkkelen på nytt. Hjelper ikke det, opprett en ny og velg applikasjonsnavnet nøyaktig slik det vises her.</translation>
    </message>
    <message>
        <source>The employee token has expired</source>
        <translation>Brukernøkkelen er utløpt</translation>
    </message>
    <message>
        <source>The token has expired or was revoked in Tripletex.</source>
        <translation>Nøkkelen er utløpt eller trukket tilbake i Tripletex.</translation>
    </message>
    <message>
        <source>Create a new employee token under API access in Tripletex and paste it here.</source>
        <translation>Opprett en ny brukernøkkel under API-tilgang i Tripletex og lim den inn her.</translation>
    </message>
    <message>
        <source>The computer&apos;s date looks wrong</source>
        <translation>Datoen på maskinen ser feil ut</translation>
    </message>
    <message>
        <source>Tripletex refused the login&apos;s end date, which the app takes from this computer&apos;s calendar.</source>
        <translation>Tripletex avviste sluttdatoen for innloggingen, som appen henter fra kalenderen på denne maskinen.</translation>
    </message>
    <message>
        <source>Set the computer&apos;s date and time right (automatic time is best) and try again.</source>
        <translation>Still inn riktig dato og klokkeslett på maskinen (helst automatisk) og prøv igjen.</translation>
    </message>
    <message>
        <source>The application token was refused</source>
        <translation>Applikasjonsnøkkelen ble avvist</translation>
    </message>
    <message>
        <source>Tripletex does not accept this application&apos;s consumer token in the chosen environment.</source>
        <translation>Tripletex godtar ikke konsumentnøkkelen til denne applikasjonen i det valgte miljøet.</translation>
    </message>
    <message>
        <source>Clear the consumer token under Advanced to use the built-in one, or check that it belongs to this environment.</source>
        <translation>Tøm konsumentnøkkelen under Avansert for å bruke den innebygde, eller sjekk at den hører til dette miljøet.</translation>
    </message>
    <message>
        <source>The token belongs to another environment</source>
        <translation>Nøkkelen hører til et annet miljø</translation>
    </message>
    <message>
        <source>Tokens from Tripletex&apos;s test environment only work there, and production tokens only work in production.</source>
        <translation>Nøkler fra Tripletex sitt testmiljø virker bare der, og produksjonsnøkler virker bare i produksjon.</translation>
    </message>
    <message>
        <source>Go back and choose the environment the token was made in.</source>
        <translation>Gå tilbake og velg miljøet nøkkelen ble laget i.</translation>
    </message>
    <message>
        <source>Missing access in Tripletex</source>
        <translation>Mangler tilgang i Tripletex</translation>
    </message>
    <message>
        <source>The employee token lacks a permission this step needs.</source>
        <translation>Brukernøkkelen mangler en tilgang som dette steget trenger.</translation>
    </message>
    <message>
        <source>Open the token in Tripletex (API access), tick the missing box, and check again.</source>
        <translation>Åpne nøkkelen i Tripletex (API-tilgang), kryss av for det som mangler, og sjekk igjen.</translation>
    </message>
    <message>
        <source>No access to this client</source>
        <translation>Ingen tilgang til denne klienten</translation>
    </message>
    <message>
        <source>Tripletex did not let the accounting office&apos;s token act for this client company.</source>
        <translation>Tripletex lot ikke regnskapskontorets nøkkel handle for dette klientselskapet.</translation>
    </message>
    <message>
        <source>Check in Tripletex that your office still has login access to the client, or leave the company out.</source>
        <translation>Sjekk i Tripletex at kontoret ditt fortsatt har innloggingstilgang til klienten, eller ta selskapet ut.</translation>
    </message>
    <message>
        <source>Not found in Tripletex</source>
        <translation>Finnes ikke i Tripletex</translation>
    </message>
    <message>
        <source>Tripletex could not find what was asked for. It may have been deleted.</source>
        <translation>Tripletex fant ikke det som ble etterspurt. Det kan være slettet.</translation>
    </message>
    <message>
        <source>Changed in Tripletex meanwhile</source>
        <translation>Endret i Tripletex i mellomtiden</translation>
    </message>
    <message>
        <source>Someone changed the same thing in Tripletex at the same time.</source>
        <translation>Noen endret det samme i Tripletex samtidig.</translation>
    </message>
    <message>
        <source>Try again.</source>
        <translation>Prøv igjen.</translation>
    </message>
    <message>
        <source>Tripletex rejected the values</source>
        <translation>Tripletex avviste verdiene</translation>
    </message>
    <message>
        <source>One or more values were not accepted.</source>
        <translation>En eller flere verdier ble ikke godtatt.</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>For mange forespørsler</translation>
    </message>
    <message>
        <source>Tripletex asks us to slow down for a moment.</source>
        <translation>Tripletex ber oss senke farten en liten stund.</translation>
    </message>
    <message>
        <source>Wait a minute and try again.</source>
        <translation>Vent et minutt og prøv igjen.</translation>
    </message>
    <message>
        <source>Tripletex is unavailable</source>
        <translation>Tripletex er utilgjengelig</translation>
    </message>
    <message>
        <source>Tripletex answered with an error on its side.</source>
        <translation>Tripletex svarte med en feil på sin side.</translation>
    </message>
    <message>
        <source>Try again later. If it lasts, contact Tripletex support with the request ID.</source>
        <translation>Prøv igjen senere. Varer det, kontakt Tripletex kundestøtte og oppgi forespørsels-ID-en.</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Kunne ikke lagre</translation>
    </message>
    <message>
        <source>Saving on this computer failed. Nothing was changed.</source>
        <translation>Lagring på denne maskinen mislyktes. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>Check that the disk is not full and try again.</source>
        <translation>Sjekk at disken ikke er full, og prøv igjen.</translation>
    </message>
    <message>
        <source>The password store is not available</source>
        <translation>Passordlageret er ikke tilgjengelig</translation>
    </message>
    <message>
        <source>The employee token is kept only in your system&apos;s password store, never in a file, and the store cannot be used right now.</source>
        <translation>Brukernøkkelen lagres bare i systemets passordlager, aldri i en fil, og passordlageret kan ikke brukes akkurat nå.</translation>
    </message>
    <message>
        <source>The settings could not be read</source>
        <translation>Innstillingene kunne ikke leses</translation>
    </message>
    <message>
        <source>The settings file was damaged and has been moved aside.</source>
        <translation>Innstillingsfilen var skadet og er flyttet til side.</translation>
    </message>
    <message>
        <source>Set up the connection again.</source>
        <translation>Sett opp tilkoblingen på nytt.</translation>
    </message>
    <message>
        <source>This profile cannot be imported</source>
        <translation>Denne profilen kan ikke importeres</translation>
    </message>
    <message>
        <source>The file is missing, damaged, not a Tripletex Desktop profile, or made by a newer version. Nothing was changed.</source>
        <translation>Filen mangler, er skadet, er ikke en Tripletex Desktop-profil, eller er laget av en nyere versjon. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>Export the profile again on the other machine and copy the whole file.</source>
        <translation>Eksporter profilen på nytt på den andre maskinen og kopier hele filen.</translation>
    </message>
    <message>
        <source>The data was saved by a newer version</source>
        <translation>Dataene ble lagret av en nyere versjon</translation>
    </message>
    <message>
        <source>The local database was written by a newer Tripletex Desktop, so this version leaves it untouched.</source>
        <translation>Den lokale databasen ble skrevet av en nyere versjon av Tripletex Desktop, så denne versjonen lar den være urørt.</translation>
    </message>
    <message>
        <source>Install the newest version of Tripletex Desktop.</source>
        <translation>Installer den nyeste versjonen av Tripletex Desktop.</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>Disken er full</translation>
    </message>
    <message>
        <source>Nothing already saved was lost.</source>
        <translation>Ingenting som allerede var lagret, gikk tapt.</translation>
    </message>
    <message>
        <source>Free some space and try again.</source>
        <translation>Frigjør litt plass og prøv igjen.</translation>
    </message>
    <message>
        <source>The data folder is read-only</source>
        <translation>Datamappen er skrivebeskyttet</translation>
    </message>
    <message>
        <source>Tripletex Desktop cannot write to its data folder.</source>
        <translation>Tripletex Desktop får ikke skrevet til datamappen sin.</translation>
    </message>
    <message>
        <source>Check the folder&apos;s permissions.</source>
        <translation>Sjekk tilgangene på mappen.</translation>
    </message>
    <message>
        <source>A sync is already running</source>
        <translation>En synkronisering pågår allerede</translation>
    </message>
    <message>
        <source>Another window or process is syncing this connection.</source>
        <translation>Et annet vindu eller en annen prosess synkroniserer denne tilkoblingen.</translation>
    </message>
    <message>
        <source>Wait until it has finished.</source>
        <translation>Vent til den er ferdig.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Noe gikk galt</translation>
    </message>
    <message>
        <source>An unexpected error occurred in Tripletex Desktop.</source>
        <translation>Det oppsto en uventet feil i Tripletex Desktop.</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, send the log file to support.</source>
        <translation>Prøv igjen. Skjer det igjen, send loggfilen til kundestøtte.</translation>
    </message>
    <message>
        <source>Cost categories are not chosen</source>
        <translation>Kostnadskategorier er ikke valgt</translation>
    </message>
    <message>
        <source>This company has no cost category for mileage or per diem, or no payment type, so travel reports cannot be sent.</source>
        <translation>Selskapet mangler kostnadskategori for kjøregodtgjørelse eller diett, eller betalingstype, så reiseregninger kan ikke sendes.</translation>
    </message>
    <message>
        <source>Choose them with File › Edit connection.</source>
        <translation>Velg dem under Fil › Endre tilkobling.</translation>
    </message>
    <message>
        <source>The company does not pay per diem</source>
        <translation>Selskapet utbetaler ikke diett</translation>
    </message>
    <message>
        <source>Tripletex&apos;s travel settings say per diem is not compensated in this company.</source>
        <translation>Reiseregningsinnstillingene i Tripletex sier at diett ikke utbetales i dette selskapet.</translation>
    </message>
    <message>
        <source>The company does not pay mileage allowance</source>
        <translation>Selskapet utbetaler ikke kjøregodtgjørelse</translation>
    </message>
    <message>
        <source>Tripletex&apos;s travel settings say mileage is not compensated in this company.</source>
        <translation>Reiseregningsinnstillingene i Tripletex sier at kjøregodtgjørelse ikke utbetales i dette selskapet.</translation>
    </message>
    <message>
        <source>Some permissions are probably missing</source>
        <translation>Noen tilganger mangler trolig</translation>
    </message>
    <message>
        <source>What Tripletex returned suggests the token lacks a permission, but it did not refuse outright. Syncing goes on; some things may not work.</source>
        <translation>Det Tripletex svarte, tyder på at nøkkelen mangler en tilgang, men Tripletex avviste ikke direkte. Synkroniseringen fortsetter; noe kan ikke virke.</translation>
    </message>
    <message>
        <source>See which ones, and what does not work without them, with File › Edit connection.</source>
        <translation>Se hvilke, og hva som ikke virker uten dem, under Fil › Endre tilkobling.</translation>
    </message>
    <message>
        <source>Projects are not fetched</source>
        <translation>Prosjekter hentes ikke</translation>
    </message>
    <message>
        <source>Tripletex refuses every project read in this company: it may not use the project module, or the token has none of the project boxes.</source>
        <translation>Tripletex avviser alle prosjektoppslag i dette selskapet: enten bruker det ikke prosjektmodulen, eller så har nøkkelen ingen av prosjekttilgangene.</translation>
    </message>
    <message>
        <source>If the company uses projects, tick the project boxes on the token; otherwise turn off project sync.</source>
        <translation>Bruker selskapet prosjekter, huk av prosjekttilgangene på nøkkelen; hvis ikke, slå av synkronisering av prosjekter.</translation>
    </message>
    <message>
        <source>The company&apos;s VAT registration could not be read</source>
        <translation>Selskapets mva-registrering kunne ikke leses</translation>
    </message>
    <message>
        <source>Without it, costs are sent with the cost category&apos;s VAT code. If the company is not VAT-registered, Tripletex refuses such costs when the report is delivered.</source>
        <translation>Uten den sendes utgifter med kostnadskategoriens mva-kode. Er selskapet ikke mva-registrert, avviser Tripletex slike utgifter når reiseregningen leveres.</translation>
    </message>
    <message>
        <source>Give the token access to the company&apos;s accounting settings, then sync again.</source>
        <translation>Gi nøkkelen tilgang til selskapets regnskapsinnstillinger, og synkroniser på nytt.</translation>
    </message>
    <message>
        <source>The company does not pay accommodation allowance</source>
        <translation>Selskapet utbetaler ikke nattillegg</translation>
    </message>
    <message>
        <source>Tripletex&apos;s travel settings say accommodation allowance is not compensated in this company.</source>
        <translation>Reiseregningsinnstillingene i Tripletex sier at nattillegg ikke utbetales i dette selskapet.</translation>
    </message>
    <message>
        <source>Windows Credential Manager could not be reached. Sign in to Windows with your own user account and try again.</source>
        <extracomment>Keyring advice per reason and platform (&quot;win32&quot;, &quot;darwin&quot;, other = Linux/BSD with Secret Service).</extracomment>
        <translation>Fikk ikke kontakt med Legitimasjonsbehandling i Windows. Logg på Windows med din egen brukerkonto og prøv igjen.</translation>
    </message>
    <message>
        <source>The macOS Keychain could not be reached. Open Keychain Access, make sure the login keychain exists, and try again.</source>
        <translation>Fikk ikke kontakt med nøkkelringen i macOS. Åpne Nøkkelringtilgang, sjekk at påloggingsnøkkelringen finnes, og prøv igjen.</translation>
    </message>
    <message>
        <source>No Secret Service was found. Install and start GNOME Keyring or KWallet (for example the gnome-keyring package), log out and in again, and try again.</source>
        <translation>Fant ingen Secret Service. Installer og start GNOME Keyring eller KWallet (for eksempel pakken gnome-keyring), logg ut og inn igjen, og prøv på nytt.</translation>
    </message>
    <message>
        <source>Only an unencrypted password store was found, and the token is never stored unencrypted. Install GNOME Keyring or KWallet and try again.</source>
        <translation>Fant bare et ukryptert passordlager, og nøkkelen lagres aldri ukryptert. Installer GNOME Keyring eller KWallet og prøv igjen.</translation>
    </message>
    <message>
        <source>Only an unencrypted password store was found, and the token is never stored unencrypted. Check that Windows Credential Manager is available.</source>
        <translation>Fant bare et ukryptert passordlager, og nøkkelen lagres aldri ukryptert. Sjekk at Legitimasjonsbehandling i Windows er tilgjengelig.</translation>
    </message>
    <message>
        <source>Only an unencrypted password store was found, and the token is never stored unencrypted. Check that the macOS Keychain is available.</source>
        <translation>Fant bare et ukryptert passordlager, og nøkkelen lagres aldri ukryptert. Sjekk at nøkkelringen i macOS er tilgjengelig.</translation>
    </message>
    <message>
        <source>Windows Credential Manager refused access. Try again, and allow access if Windows asks.</source>
        <translation>Legitimasjonsbehandling i Windows nektet tilgang. Prøv igjen, og gi tilgang hvis Windows spør.</translation>
    </message>
    <message>
        <source>The macOS Keychain is locked. Unlock it (enter your Mac password when asked) and try again.</source>
        <translation>Nøkkelringen i macOS er låst. Lås den opp (skriv inn Mac-passordet når du blir spurt) og prøv igjen.</translation>
    </message>
    <message>
        <source>The keyring is locked. Unlock it (GNOME Keyring or KWallet will ask for your password) and try again.</source>
        <translation>Nøkkelringen er låst. Lås den opp (GNOME Keyring eller KWallet spør etter passordet ditt) og prøv igjen.</translation>
    </message>
    <message>
        <source>Logging in to Tripletex</source>
        <extracomment>Progress phases of a sync (the main window adds its own).</extracomment>
        <translation>Logger inn i Tripletex</translation>
    </message>
    <message>
        <source>Fetching employees</source>
        <translation>Henter ansatte</translation>
    </message>
    <message>
        <source>Fetching projects</source>
        <translation>Henter prosjekter</translation>
    </message>
    <message>
        <source>Fetching departments</source>
        <translation>Henter avdelinger</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Starter</translation>
    </message>
    <message>
        <source>Checking permissions in Tripletex</source>
        <translation>Sjekker tilganger i Tripletex</translation>
    </message>
    <message>
        <source>Fetching cost categories</source>
        <translation>Henter kostnadskategorier</translation>
    </message>
    <message>
        <source>Fetching payment types</source>
        <translation>Henter betalingstyper</translation>
    </message>
    <message>
        <source>Fetching travel settings</source>
        <translation>Henter reiseregningsinnstillinger</translation>
    </message>
    <message>
        <source>Fetching rate categories</source>
        <translation>Henter satskategorier</translation>
    </message>
    <message>
        <source>Fetching rates</source>
        <translation>Henter satser</translation>
    </message>
    <message>
        <source>Fetching travel zones</source>
        <translation>Henter reisesoner</translation>
    </message>
    <message>
        <source>Fetching VAT settings</source>
        <translation>Henter mva-innstillinger</translation>
    </message>
    <message>
        <source>Waiting for Tripletex&apos;s request limit</source>
        <translation>Venter på forespørselsgrensen i Tripletex</translation>
    </message>
    <message>
        <source>Sending travel reports</source>
        <translation>Sender reiseregninger</translation>
    </message>
    <message>
        <source>The travel report is gone</source>
        <translation>Reiseregningen finnes ikke lenger</translation>
    </message>
    <message>
        <source>The report was deleted, perhaps in another window.</source>
        <translation>Reiseregningen ble slettet, kanskje i et annet vindu.</translation>
    </message>
    <message>
        <source>The report can no longer be changed</source>
        <translation>Reiseregningen kan ikke endres lenger</translation>
    </message>
    <message>
        <source>Only drafts can be changed or deleted. This report is approved or already on its way to Tripletex.</source>
        <translation>Bare utkast kan endres eller slettes. Denne reiseregningen er godkjent eller allerede på vei til Tripletex.</translation>
    </message>
    <message>
        <source>The report is already delivered in Tripletex</source>
        <translation>Reiseregningen er allerede levert i Tripletex</translation>
    </message>
    <message>
        <source>Tripletex holds this report as delivered (or approved), so it can no longer be changed from here.</source>
        <translation>Tripletex har denne reiseregningen som levert (eller godkjent), så den kan ikke lenger endres herfra.</translation>
    </message>
    <message>
        <source>Correct it in Tripletex, or ask the approver to send it back (undeliver) first.</source>
        <translation>Rett den i Tripletex, eller be godkjenneren sende den tilbake (angre levering) først.</translation>
    </message>
    <message>
        <source>The report cannot be reopened</source>
        <translation>Regningen kan ikke gjenåpnes</translation>
    </message>
    <message>
        <source>Part of it was already written to Tripletex (or may have been), so changing it here would no longer match Tripletex.</source>
        <translation>Deler av den er allerede skrevet til Tripletex (eller kan ha blitt det), så endringer her ville ikke lenger stemme med Tripletex.</translation>
    </message>
    <message>
        <source>Use “Check status in Tripletex” and Send again to finish it, and correct it in Tripletex.</source>
        <translation>Bruk «Sjekk status i Tripletex» og Send på nytt for å fullføre den, og rett den i Tripletex.</translation>
    </message>
    <message>
        <source>Mark the draft ready to send first, or use “Check status in Tripletex”.</source>
        <translation>Gjør utkastet klart til sending først, eller bruk «Sjekk status i Tripletex».</translation>
    </message>
    <message>
        <source>A receipt is a PDF or an image (PNG, JPG, TIFF).</source>
        <translation>En kvittering er en PDF eller et bilde (PNG, JPG, TIFF).</translation>
    </message>
    <message>
        <source>The report cannot be sent</source>
        <translation>Reiseregningen kan ikke sendes</translation>
    </message>
    <message>
        <source>The employee token is not on this computer</source>
        <translation>Brukernøkkelen finnes ikke på denne maskinen</translation>
    </message>
    <message>
        <source>The connection is set up, but this computer&apos;s password store has no employee token for it (after a profile import, on a new computer or a new user account).</source>
        <translation>Tilkoblingen er satt opp, men passordlageret på denne maskinen har ingen brukernøkkel for den (etter en profilimport, på en ny maskin eller en ny brukerkonto).</translation>
    </message>
    <message>
        <source>Paste the token here; it is checked with Tripletex before it is stored.</source>
        <translation>Lim inn nøkkelen her; den kontrolleres mot Tripletex før den lagres.</translation>
    </message>
    <message>
        <source>This token does not fit this connection</source>
        <translation>Denne nøkkelen passer ikke til tilkoblingen</translation>
    </message>
    <message>
        <source>It does not reach every company of this connection, or it is an accounting office&apos;s token where the connection is a company&apos;s own (or the other way round). Nothing was stored.</source>
        <translation>Den når ikke alle selskapene i tilkoblingen, eller den er et regnskapskontors nøkkel der tilkoblingen er selskapets egen (eller omvendt). Ingenting er lagret.</translation>
    </message>
    <message>
        <source>Paste the token made for this connection, or add the other companies as a new connection.</source>
        <translation>Lim inn nøkkelen som ble laget for denne tilkoblingen, eller legg til de andre selskapene som en ny tilkobling.</translation>
    </message>
    <message>
        <source>A chosen cost category or payment type is inactive or gone in Tripletex</source>
        <translation>En valgt kostnadskategori eller betalingsmåte er inaktiv eller borte i Tripletex</translation>
    </message>
    <message>
        <source>Tripletex marks a cost category or payment type chosen for this company as inactive, or no longer has it. Travel reports that use it fail at Approve or when sent. The sync itself goes on.</source>
        <translation>Tripletex har merket en kostnadskategori eller betalingsmåte som er valgt for dette selskapet, som inaktiv, eller har den ikke lenger. Reiseregninger som bruker den, feiler ved godkjenning eller sending. Selve synkroniseringen fortsetter.</translation>
    </message>
    <message>
        <source>Choose another in File › Edit connection → Cost categories.</source>
        <translation>Velg en annen under Fil › Endre tilkobling → Kostnadskategorier.</translation>
    </message>
    <message>
        <source>Only approved reports are sent, and a sent report is never sent twice.</source>
        <translation>Bare godkjente reiseregninger sendes, og en sendt reiseregning sendes aldri to ganger.</translation>
    </message>
    <message>
        <source>The report is not complete</source>
        <translation>Reiseregningen er ikke fullstendig</translation>
    </message>
    <message>
        <source>Some fields are missing or wrong, so the report cannot be approved.</source>
        <translation>Noen felt mangler eller er feil, så reiseregningen kan ikke godkjennes.</translation>
    </message>
    <message>
        <source>Open the report; the problems are shown next to the fields.</source>
        <translation>Åpne reiseregningen. Problemene vises ved feltene.</translation>
    </message>
    <message>
        <source>The report cannot be turned into a Tripletex travel expense</source>
        <translation>Reiseregningen kan ikke gjøres om til en reiseregning i Tripletex</translation>
    </message>
    <message>
        <source>A rate, cost category or payment type the report needs is missing. Nothing was sent.</source>
        <translation>En sats, kostnadskategori eller betalingstype som reiseregningen trenger, mangler. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Sync the company to fetch this year&apos;s rates, and check the cost categories chosen for the company.</source>
        <translation>Synkroniser selskapet for å hente årets satser, og sjekk kostnadskategoriene som er valgt for selskapet.</translation>
    </message>
    <message>
        <source>Tripletex does not know a currency in the report</source>
        <translation>Tripletex kjenner ikke en valuta i reiseregningen</translation>
    </message>
    <message>
        <source>A cost is in a currency code Tripletex does not have. Nothing was sent.</source>
        <translation>En utgift har en valutakode Tripletex ikke har. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Open the report, correct the currency of the marked cost, and send again.</source>
        <translation>Åpne reiseregningen, rett valutaen på den merkede utgiften og send på nytt.</translation>
    </message>
    <message>
        <source>The report was not found in Tripletex</source>
        <translation>Reiseregningen finnes ikke i Tripletex</translation>
    </message>
    <message>
        <source>Tripletex Desktop had started sending this report, but Tripletex does not have it now. It may have been deleted there.</source>
        <translation>Tripletex Desktop hadde begynt å sende denne reiseregningen, men Tripletex har den ikke nå. Den kan ha blitt slettet der.</translation>
    </message>
    <message>
        <source>Check in Tripletex, then use Send again.</source>
        <translation>Sjekk i Tripletex, og bruk så Send på nytt.</translation>
    </message>
    <message>
        <source>Waiting for an answer from Tripletex</source>
        <translation>Venter på svar fra Tripletex</translation>
    </message>
    <message>
        <source>An earlier attempt got no answer, and Tripletex may still be handling it. To make sure nothing is sent twice, Tripletex Desktop does not try again until that attempt can no longer arrive.</source>
        <translation>Et tidligere forsøk fikk ikke svar, og Tripletex kan fortsatt holde på med det. For at ingenting skal sendes to ganger, prøver Tripletex Desktop ikke på nytt før det forsøket ikke lenger kan komme fram.</translation>
    </message>
    <message>
        <source>Nothing to do: the next sync finishes the report, or use Send again later.</source>
        <translation>Du trenger ikke gjøre noe: neste synkronisering gjør reiseregningen ferdig, eller bruk Send på nytt senere.</translation>
    </message>
    <message>
        <source>Tripletex did not say what it created</source>
        <translation>Tripletex sa ikke hva som ble opprettet</translation>
    </message>
    <message>
        <source>Tripletex accepted a line but its answer named no id, and the line was not found right after.</source>
        <translation>Tripletex tok imot en linje, men svaret oppga ingen id, og linjen ble ikke funnet rett etterpå.</translation>
    </message>
    <message>
        <source>Use Send again in a little while; a line that exists is found, not sent twice.</source>
        <translation>Bruk Send på nytt om litt; en linje som finnes, blir funnet og ikke sendt to ganger.</translation>
    </message>
    <message>
        <source>Delivered, but not approved</source>
        <translation>Levert, men ikke godkjent</translation>
    </message>
    <message>
        <source>The report is delivered in Tripletex. Tripletex does not let this token approve it.</source>
        <translation>Reiseregningen er levert i Tripletex. Tripletex lar ikke denne nøkkelen godkjenne den.</translation>
    </message>
    <message>
        <source>Someone who approves travel expenses approves it in Tripletex. To stop trying, turn off approving in File › Edit connection.</source>
        <translation>Noen som godkjenner reiseregninger, godkjenner den i Tripletex. For å slutte å prøve, slå av godkjenning under Fil › Endre tilkobling.</translation>
    </message>
    <message>
        <source>A receipt file could not be read</source>
        <translation>En kvitteringsfil kunne ikke leses</translation>
    </message>
    <message>
        <source>The file was moved, deleted or is not readable.</source>
        <translation>Filen er flyttet, slettet eller kan ikke leses.</translation>
    </message>
    <message>
        <source>Attach the receipt again and use Send again.</source>
        <translation>Legg ved kvitteringen på nytt og bruk Send på nytt.</translation>
    </message>
    <message>
        <source>No rate for this date</source>
        <translation>Ingen sats for denne datoen</translation>
    </message>
    <message>
        <source>The company has no rate for the trip&apos;s date in Tripletex (often: next year&apos;s rates are not synced yet).</source>
        <translation>Selskapet har ingen sats i Tripletex for datoen til reisen (ofte fordi neste års satser ikke er synkronisert ennå).</translation>
    </message>
    <message>
        <source>Sync the company, or pick the rate category on the line.</source>
        <translation>Synkroniser selskapet, eller velg satskategori på linjen.</translation>
    </message>
    <message>
        <source>No passenger supplement rate for this date</source>
        <translation>Ingen sats for passasjertillegg på denne datoen</translation>
    </message>
    <message>
        <source>The company has no rate for the passenger supplement (Bil - passasjertillegg) on the trip&apos;s date in Tripletex.</source>
        <translation>Selskapet har ingen sats for passasjertillegg (Bil - passasjertillegg) på reisedatoen i Tripletex.</translation>
    </message>
    <message>
        <source>Sync the company, or set the passengers on the line to 0.</source>
        <translation>Synkroniser selskapet, eller sett passasjerer på linjen til 0.</translation>
    </message>
    <message>
        <source>Tripletex has no travel zone for the country</source>
        <translation>Tripletex har ingen reisesone for landet</translation>
    </message>
    <message>
        <source>Per diem abroad is paid at the rate of the country&apos;s zone in Tripletex, and no zone was found for the trip&apos;s country on its date. Nothing was sent.</source>
        <translation>Diett i utlandet betales etter satsen for landets sone i Tripletex, og det finnes ingen sone for reisens land på reisedatoen. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Sync the company, and check the country code of the trip (two letters, e.g. SE).</source>
        <translation>Synkroniser selskapet, og sjekk landkoden på reisen (to bokstaver, f.eks. SE).</translation>
    </message>
    <message>
        <source>Travel to this country is not enabled in Tripletex</source>
        <translation>Reiser til dette landet er ikke slått på i Tripletex</translation>
    </message>
    <message>
        <source>Tripletex answers “Country not enabled for travel expense” for the trip&apos;s country, so a per diem there cannot be delivered. Nothing was sent.</source>
        <translation>Tripletex svarer «Country not enabled for travel expense» for reisens land, så diett der kan ikke leveres. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Ask whoever administers Tripletex to enable the country, or enter the per diem as a cost.</source>
        <translation>Be den som administrerer Tripletex om å slå på landet, eller før dietten som en utgift.</translation>
    </message>
    <message>
        <source>No per diem rate for the country</source>
        <translation>Ingen diettsats for landet</translation>
    </message>
    <message>
        <source>Tripletex has no rate for the trip&apos;s country in this per diem category on the trip&apos;s date. Nothing was sent.</source>
        <translation>Tripletex har ingen sats for reisens land i denne diettkategorien på reisedatoen. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>Sync the company, or pick another rate category on the line.</source>
        <translation>Synkroniser selskapet, eller velg en annen satskategori på linjen.</translation>
    </message>
    <message>
        <source>More than one rate fits</source>
        <translation>Mer enn én sats passer</translation>
    </message>
    <message>
        <source>Several rate categories fit this line equally well.</source>
        <translation>Flere satskategorier passer like godt for denne linjen.</translation>
    </message>
    <message>
        <source>Pick the rate category on the line.</source>
        <translation>Velg satskategori på linjen.</translation>
    </message>
    <message>
        <source>The file could not be read</source>
        <translation>Filen kunne ikke leses</translation>
    </message>
    <message>
        <source>It is not a readable CSV or Excel file.</source>
        <translation>Det er ikke en lesbar CSV- eller Excel-fil.</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>Filen er tom</translation>
    </message>
    <message>
        <source>No header row was found.</source>
        <translation>Fant ingen overskriftsrad.</translation>
    </message>
    <message>
        <source>This file type is not supported</source>
        <translation>Denne filtypen støttes ikke</translation>
    </message>
    <message>
        <source>Choose a CSV (.csv, .txt, .tsv) or Excel (.xlsx) file.</source>
        <translation>Velg en CSV-fil (.csv, .txt, .tsv) eller Excel-fil (.xlsx).</translation>
    </message>
    <message>
        <source>The file is too large</source>
        <translation>Filen er for stor</translation>
    </message>
    <message>
        <source>Split it into smaller files and import them one by one.</source>
        <translation>Del den opp i mindre filer og importer dem én og én.</translation>
    </message>
    <message>
        <source>Choose the employee.</source>
        <extracomment>Validation codes of a report&apos;s fields and of import rows -&gt; short text shown next to the field.</extracomment>
        <translation>Velg den ansatte.</translation>
    </message>
    <message>
        <source>Tripletex does not let travel expenses be registered for this employee; choose another.</source>
        <translation>Tripletex tillater ikke reiseregninger for denne ansatte; velg en annen.</translation>
    </message>
    <message>
        <source>Enter a title.</source>
        <translation>Skriv inn en tittel.</translation>
    </message>
    <message>
        <source>Enter the departure date and time.</source>
        <translation>Skriv inn dato og klokkeslett for avreise.</translation>
    </message>
    <message>
        <source>Enter the return date and time.</source>
        <translation>Skriv inn dato og klokkeslett for hjemkomst.</translation>
    </message>
    <message>
        <source>The return is before the departure.</source>
        <translation>Hjemkomsten er før avreisen.</translation>
    </message>
    <message>
        <source>A day trip lasts at most 24 hours; tick Overnight.</source>
        <translation>En dagsreise varer høyst 24 timer. Kryss av for Overnatting.</translation>
    </message>
    <message>
        <source>Enter where the trip starts.</source>
        <translation>Skriv inn hvor reisen starter.</translation>
    </message>
    <message>
        <source>Enter the destination.</source>
        <translation>Skriv inn reisemålet.</translation>
    </message>
    <message>
        <source>Enter the purpose of the trip.</source>
        <translation>Skriv inn formålet med reisen.</translation>
    </message>
    <message>
        <source>Enter the country (two letters, e.g. SE).</source>
        <translation>Skriv inn landet (to bokstaver, for eksempel SE).</translation>
    </message>
    <message>
        <source>The country is two capital letters, e.g. SE.</source>
        <translation>Landet skrives med to store bokstaver, for eksempel SE.</translation>
    </message>
    <message>
        <source>Add at least one line.</source>
        <translation>Legg til minst én linje.</translation>
    </message>
    <message>
        <source>An employee expense has no mileage.</source>
        <translation>Et ansattutlegg har ikke kjøregodtgjørelse.</translation>
    </message>
    <message>
        <source>An employee expense has no per diem.</source>
        <translation>Et ansattutlegg har ikke diett.</translation>
    </message>
    <message>
        <source>Kilometres must be a number above 0.</source>
        <translation>Kilometer må være et tall over 0.</translation>
    </message>
    <message>
        <source>Enter where the drive starts.</source>
        <translation>Skriv inn hvor kjøringen starter.</translation>
    </message>
    <message>
        <source>Enter where the drive ends.</source>
        <translation>Skriv inn hvor kjøringen slutter.</translation>
    </message>
    <message>
        <source>Passengers must be between 0 and 8.</source>
        <translation>Antall passasjerer må være mellom 0 og 8.</translation>
    </message>
    <message>
        <source>Give one name per passenger.</source>
        <translation>Oppgi ett navn per passasjer.</translation>
    </message>
    <message>
        <source>Tolls cannot be negative.</source>
        <translation>Bompenger kan ikke være negative.</translation>
    </message>
    <message>
        <source>The date is outside the trip.</source>
        <translation>Datoen er utenfor reisen.</translation>
    </message>
    <message>
        <source>The number of days must be above 0.</source>
        <translation>Antall dager må være over 0.</translation>
    </message>
    <message>
        <source>A day trip has no overnight accommodation.</source>
        <translation>En dagsreise har ikke overnatting.</translation>
    </message>
    <message>
        <source>Choose where the night was spent (e.g. hotel).</source>
        <translation>Velg hvor natten ble tilbrakt (f.eks. hotell).</translation>
    </message>
    <message>
        <source>This rate is for trips with an overnight stay.</source>
        <translation>Denne satsen gjelder reiser med overnatting.</translation>
    </message>
    <message>
        <source>This rate is for day trips only.</source>
        <translation>Denne satsen gjelder bare dagsreiser.</translation>
    </message>
    <message>
        <source>This rate is for the other region (domestic or abroad).</source>
        <translation>Denne satsen gjelder den andre regionen (innland eller utland).</translation>
    </message>
    <message>
        <source>Choose a cost category.</source>
        <translation>Velg en kostnadskategori.</translation>
    </message>
    <message>
        <source>This cost category is no longer in Tripletex (latest sync); choose another.</source>
        <translation>Denne kostnadskategorien finnes ikke lenger i Tripletex (siste synkronisering); velg en annen.</translation>
    </message>
    <message>
        <source>This payment type is no longer in Tripletex (latest sync); choose another.</source>
        <translation>Denne betalingsmåten finnes ikke lenger i Tripletex (siste synkronisering); velg en annen.</translation>
    </message>
    <message>
        <source>This rate category is not in the latest sync from Tripletex; choose another.</source>
        <translation>Denne satskategorien er ikke med i siste synkronisering fra Tripletex; velg en annen.</translation>
    </message>
    <message>
        <source>The amount must be a number above 0.</source>
        <translation>Beløpet må være et tall over 0.</translation>
    </message>
    <message>
        <source>The currency is three capital letters, e.g. NOK.</source>
        <translation>Valutaen skrives med tre store bokstaver, for eksempel NOK.</translation>
    </message>
    <message>
        <source>Tripletex does not know this currency.</source>
        <translation>Tripletex kjenner ikke denne valutaen.</translation>
    </message>
    <message>
        <source>Choose how it was paid.</source>
        <translation>Velg hvordan det ble betalt.</translation>
    </message>
    <message>
        <source>No cost category is chosen for tolls.</source>
        <translation>Ingen kostnadskategori er valgt for bompenger.</translation>
    </message>
    <message>
        <source>No cost category is chosen for mileage.</source>
        <translation>Ingen kostnadskategori er valgt for kjøregodtgjørelse.</translation>
    </message>
    <message>
        <source>No cost category is chosen for per diem.</source>
        <translation>Ingen kostnadskategori er valgt for diett.</translation>
    </message>
    <message>
        <source>No rate in Tripletex for this date.</source>
        <translation>Ingen sats i Tripletex for denne datoen.</translation>
    </message>
    <message>
        <source>No passenger supplement rate in Tripletex for this date.</source>
        <translation>Ingen sats for passasjertillegg i Tripletex på denne datoen.</translation>
    </message>
    <message>
        <source>More than one rate fits; pick the rate category.</source>
        <translation>Mer enn én sats passer. Velg satskategori.</translation>
    </message>
    <message>
        <source>Tripletex has no travel zone for the trip&apos;s country on this date.</source>
        <translation>Tripletex har ingen reisesone for reisens land på denne datoen.</translation>
    </message>
    <message>
        <source>Tripletex does not take HEIC photos (iPhone). Export the receipt as JPEG or PDF and attach that file.</source>
        <translation>Tripletex tar ikke imot HEIC-bilder (iPhone). Eksporter kvitteringen som JPEG eller PDF og legg ved den filen.</translation>
    </message>
    <message>
        <source>Tripletex refused the rate of this line when the report was delivered.</source>
        <translation>Tripletex avviste satsen på denne linjen da reiseregningen ble levert.</translation>
    </message>
    <message>
        <source>Tripletex refused the VAT code of this cost when the report was delivered (a company that is not VAT-registered cannot deduct VAT).</source>
        <translation>Tripletex avviste mva-koden på denne utgiften da reiseregningen ble levert (et selskap som ikke er mva-registrert, kan ikke trekke fra mva).</translation>
    </message>
    <message>
        <source>Tripletex refused the cost category of this cost (it is inactive or no longer exists).</source>
        <translation>Tripletex avviste kostnadskategorien på denne utgiften (den er inaktiv eller finnes ikke lenger).</translation>
    </message>
    <message>
        <source>Tripletex refused how this cost was paid (the payment type is inactive or no longer exists).</source>
        <translation>Tripletex avviste hvordan utgiften ble betalt (betalingsmåten er inaktiv eller finnes ikke lenger).</translation>
    </message>
    <message>
        <source>Tripletex does not accept travel expenses for the trip&apos;s country (not enabled).</source>
        <translation>Tripletex tar ikke imot reiseregninger for reisens land (ikke slått på).</translation>
    </message>
    <message>
        <source>Tripletex needs where the night was spent for this rate.</source>
        <translation>Tripletex trenger overnattingstypen for denne satsen.</translation>
    </message>
    <message>
        <source>Tripletex refused the currency of this cost.</source>
        <translation>Tripletex avviste valutaen på denne utgiften.</translation>
    </message>
    <message>
        <source>Tripletex refused the place of this line.</source>
        <translation>Tripletex avviste stedet på denne linjen.</translation>
    </message>
    <message>
        <source>Tripletex refused the number of days on this line.</source>
        <translation>Tripletex avviste antall dager på denne linjen.</translation>
    </message>
    <message>
        <source>Tripletex refused the kilometres on this line.</source>
        <translation>Tripletex avviste kilometerne på denne linjen.</translation>
    </message>
    <message>
        <source>Tripletex refused the date of this line.</source>
        <translation>Tripletex avviste datoen på denne linjen.</translation>
    </message>
    <message>
        <source>Tripletex refused this line when the report was delivered.</source>
        <translation>Tripletex avviste denne linjen da reiseregningen ble levert.</translation>
    </message>
    <message>
        <source>Tripletex needs where the trip starts.</source>
        <translation>Tripletex trenger stedet reisen starter fra.</translation>
    </message>
    <message>
        <source>Tripletex needs the destination.</source>
        <translation>Tripletex trenger reisemålet.</translation>
    </message>
    <message>
        <source>Tripletex needs the purpose of the trip.</source>
        <translation>Tripletex trenger formålet med reisen.</translation>
    </message>
    <message>
        <source>Tripletex refused the dates of the trip.</source>
        <translation>Tripletex avviste datoene for reisen.</translation>
    </message>
    <message>
        <source>Tripletex refused the report when it was delivered.</source>
        <translation>Tripletex avviste reiseregningen da den ble levert.</translation>
    </message>
    <message>
        <source>The trip&apos;s country is not enabled for travel expenses in Tripletex.</source>
        <translation>Reisens land er ikke slått på for reiseregninger i Tripletex.</translation>
    </message>
    <message>
        <source>No rate for the trip&apos;s country in this category in Tripletex.</source>
        <translation>Ingen sats for reisens land i denne kategorien i Tripletex.</translation>
    </message>
    <message>
        <source>Not a date.</source>
        <translation>Ikke en dato.</translation>
    </message>
    <message>
        <source>Not a time of day.</source>
        <translation>Ikke et klokkeslett.</translation>
    </message>
    <message>
        <source>Not a number.</source>
        <translation>Ikke et tall.</translation>
    </message>
    <message>
        <source>Not yes or no.</source>
        <translation>Ikke ja eller nei.</translation>
    </message>
    <message>
        <source>Missing.</source>
        <translation>Mangler.</translation>
    </message>
    <message>
        <source>The column is not in the file.</source>
        <translation>Kolonnen finnes ikke i filen.</translation>
    </message>
    <message>
        <source>Choose the column for this field.</source>
        <translation>Velg kolonnen for dette feltet.</translation>
    </message>
    <message>
        <source>No employee with this number, e-mail or name.</source>
        <translation>Ingen ansatt med dette nummeret, denne e-postadressen eller dette navnet.</translation>
    </message>
    <message>
        <source>Tripletex does not register travel expenses for this employee (information registration is turned off for them in Tripletex).</source>
        <translation>Tripletex tar ikke imot reiseregninger for denne ansatte (registrering av informasjon er slått av for vedkommende i Tripletex).</translation>
    </message>
    <message>
        <source>Several employees have this name; use the employee number.</source>
        <translation>Flere ansatte har dette navnet. Bruk ansattnummeret.</translation>
    </message>
    <message>
        <source>Only a leg with km can have this; enter the km or clear it.</source>
        <translation>Bare en strekning med km kan ha dette; fyll inn km eller tøm feltet.</translation>
    </message>
    <message>
        <source>Write hotell, privat, pensjonat or ingen.</source>
        <translation>Skriv hotell, privat, pensjonat eller ingen.</translation>
    </message>
    <message>
        <source>Not a country; write e.g. SE or Sverige.</source>
        <translation>Ikke et land; skriv f.eks. SE eller Sverige.</translation>
    </message>
    <message>
        <source>The company has no cost category with this name.</source>
        <translation>Selskapet har ingen kostnadskategori med dette navnet.</translation>
    </message>
    <message>
        <source>Several cost categories match; write the category&apos;s full name.</source>
        <translation>Flere kostnadskategorier passer; skriv hele navnet på kategorien.</translation>
    </message>
    <message>
        <source>This cost category is no longer in use in Tripletex.</source>
        <translation>Denne kostnadskategorien er ikke lenger i bruk i Tripletex.</translation>
    </message>
    <message>
        <source>This cost category cannot be used on a travel report.</source>
        <translation>Denne kostnadskategorien kan ikke brukes på en reiseregning.</translation>
    </message>
    <message>
        <source>This cost category cannot be used on an employee expense.</source>
        <translation>Denne kostnadskategorien kan ikke brukes på et ansattutlegg.</translation>
    </message>
    <message>
        <source>The company has no payment type with this name.</source>
        <translation>Selskapet har ingen betalingstype med dette navnet.</translation>
    </message>
    <message>
        <source>Several payment types match; write the payment type&apos;s full name.</source>
        <translation>Flere betalingstyper passer; skriv hele navnet på betalingstypen.</translation>
    </message>
    <message>
        <source>This payment type is no longer in use in Tripletex.</source>
        <translation>Denne betalingstypen er ikke lenger i bruk i Tripletex.</translation>
    </message>
    <message>
        <source>No such file; the path starts in the folder of the imported file.</source>
        <translation>Filen finnes ikke; stien starter i mappen til filen som importeres.</translation>
    </message>
    <message>
        <source>The row has neither a trip (from, to) nor a cost (cost type, amount).</source>
        <translation>Raden har verken en reise (fra, til) eller en utgift (kostnadstype, beløp).</translation>
    </message>
    <message>
        <source>The row belongs to a trip imported before; add it to that report in the editor, or delete that draft and import again.</source>
        <translation>Raden hører til en reise som er importert før; legg den til i den reiseregningen i redigeringen, eller slett utkastet og importer på nytt.</translation>
    </message>
    <message>
        <source>&amp;Replace token…</source>
        <extracomment>The buttons an error can offer: key -&gt; (button text with mnemonic, accessible name). Each screen handles the keys it can carry out (main window: MAIN_WINDOW_ACTIONS, reports tab: REPORTS_ACTIONS, wizard: WIZARD_ACTIONS).</extracomment>
        <translation>&amp;Bytt nøkkel …</translation>
    </message>
    <message>
        <source>Replace the employee token</source>
        <translation>Bytt brukernøkkelen</translation>
    </message>
    <message>
        <source>P&amp;aste a new token</source>
        <translation>&amp;Lim inn en ny nøkkel</translation>
    </message>
    <message>
        <source>Paste a new employee token</source>
        <translation>Lim inn en ny brukernøkkel</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Prøv igjen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Prøv igjen</translation>
    </message>
    <message>
        <source>Open Tripletex in the &amp;browser</source>
        <translation>Åpne Tripletex i &amp;nettleseren</translation>
    </message>
    <message>
        <source>Open Tripletex in the browser</source>
        <translation>Åpne Tripletex i nettleseren</translation>
    </message>
    <message>
        <source>&amp;Edit connection…</source>
        <translation>&amp;Endre tilkobling …</translation>
    </message>
    <message>
        <source>Edit the connection&apos;s settings</source>
        <translation>Rediger innstillingene for tilkoblingen</translation>
    </message>
    <message>
        <source>Back to the &amp;environment</source>
        <translation>Tilbake til &amp;miljø</translation>
    </message>
    <message>
        <source>Go back to the environment page</source>
        <translation>Gå tilbake til siden for miljø</translation>
    </message>
    <message>
        <source>&amp;Add connection…</source>
        <translation>&amp;Legg til tilkobling …</translation>
    </message>
    <message>
        <source>Add a connection</source>
        <translation>Legg til en tilkobling</translation>
    </message>
    <message>
        <source>Import another &amp;profile…</source>
        <translation>Importer en annen &amp;profil …</translation>
    </message>
    <message>
        <source>Import another profile file</source>
        <translation>Importer en annen profilfil</translation>
    </message>
    <message>
        <source>Create &amp;support bundle</source>
        <translation>Lag &amp;støttepakke</translation>
    </message>
    <message>
        <source>Create a support bundle for Tripletex Desktop&apos;s support</source>
        <translation>Lag en støttepakke til brukerstøtten for Tripletex Desktop</translation>
    </message>
    <message>
        <source>Open the data &amp;folder</source>
        <translation>Åpne &amp;datamappen</translation>
    </message>
    <message>
        <source>Open the app&apos;s data folder</source>
        <translation>Åpne datamappen til appen</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynkroniser nå</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synkroniser nå</translation>
    </message>
    <message>
        <source>&amp;Open the report</source>
        <translation>Å&amp;pne reiseregningen</translation>
    </message>
    <message>
        <source>Open the report to correct it</source>
        <translation>Åpne reiseregningen for å rette den</translation>
    </message>
    <message>
        <source>Check &amp;status in Tripletex</source>
        <translation>Sjekk &amp;status i Tripletex</translation>
    </message>
    <message>
        <source>Check the report&apos;s status in Tripletex</source>
        <translation>Sjekk statusen til reiseregningen i Tripletex</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>Send på n&amp;ytt</translation>
    </message>
    <message>
        <source>Send again (never creates duplicates)</source>
        <translation>Send på nytt (lager aldri duplikater)</translation>
    </message>
    <message>
        <source>&amp;Keep the token for this run only</source>
        <translation>&amp;Behold nøkkelen bare for denne økten</translation>
    </message>
    <message>
        <source>Keep the token for this run only</source>
        <translation>Behold nøkkelen bare for denne økten</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Linje %1: %2</translation>
    </message>
    <message>
        <source>Waiting for an answer from Tripletex before trying again, until %1</source>
        <translation>Venter på svar fra Tripletex før nytt forsøk, til kl. %1</translation>
    </message>
    <message>
        <source>Waiting for an answer from Tripletex before trying again, until %1 at %2</source>
        <translation>Venter på svar fra Tripletex før nytt forsøk, til %1 kl. %2</translation>
    </message>
</context>
<context>
    <name>MileageLines</name>
    <message>
        <source>Mileage</source>
        <extracomment>(label, data) entries of a combo box cell. The per diem categories for a line: (the line&apos;s date or None, the chosen category id) -&gt; choices.</extracomment>
        <translation>Kjøregodtgjørelse</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <source>Km</source>
        <translation>Km</translation>
    </message>
    <message>
        <source>Company car</source>
        <translation>Firmabil</translation>
    </message>
    <message>
        <source>Passengers</source>
        <translation>Passasjerer</translation>
    </message>
    <message>
        <source>Toll</source>
        <translation>Bompenger</translation>
    </message>
    <message>
        <source>Amount (NOK)</source>
        <translation>Beløp (NOK)</translation>
    </message>
    <message>
        <source>Mileage lines</source>
        <translation>Linjer for kjøregodtgjørelse</translation>
    </message>
    <message>
        <source>Add &amp;mileage</source>
        <translation>Legg til &amp;kjøring</translation>
    </message>
    <message>
        <source>Add mileage line</source>
        <translation>Legg til linje for kjøregodtgjørelse</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Remove mileage line</source>
        <translation>Fjern linjen for kjøregodtgjørelse</translation>
    </message>
</context>
<context>
    <name>PerDiemLines</name>
    <message>
        <source>Per diem</source>
        <translation>Diett</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Dager</translation>
    </message>
    <message>
        <source>Rate category</source>
        <translation>Satskategori</translation>
    </message>
    <message>
        <source>Accommodation</source>
        <translation>Overnatting</translation>
    </message>
    <message>
        <source>Breakfast provided</source>
        <translation>Frokost dekket</translation>
    </message>
    <message>
        <source>Lunch provided</source>
        <translation>Lunsj dekket</translation>
    </message>
    <message>
        <source>Dinner provided</source>
        <translation>Middag dekket</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sted</translation>
    </message>
    <message>
        <source>Amount (NOK)</source>
        <translation>Beløp (NOK)</translation>
    </message>
    <message>
        <source>Per diem lines</source>
        <translation>Diettlinjer</translation>
    </message>
    <message>
        <source>Add per d&amp;iem</source>
        <translation>Legg til &amp;diett</translation>
    </message>
    <message>
        <source>Add per diem line</source>
        <translation>Legg til diettlinje</translation>
    </message>
    <message>
        <source>&amp;Suggest</source>
        <translation>Fore&amp;slå</translation>
    </message>
    <message>
        <source>Suggest per diem from the trip&apos;s times</source>
        <translation>Foreslå diett ut fra tidspunktene for reisen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Remove per diem line</source>
        <translation>Fjern diettlinjen</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <source>Hotel</source>
        <translation>Hotell</translation>
    </message>
    <message>
        <source>Boarding house without cooking</source>
        <translation>Pensjonat uten kokemuligheter</translation>
    </message>
    <message>
        <source>Boarding house with cooking</source>
        <translation>Pensjonat med kokemuligheter</translation>
    </message>
</context>
<context>
    <name>PermissionsPage</name>
    <message>
        <source>Travel expense</source>
        <extracomment>Group names as Tripletex shows them (nb key) -&gt; English source string.</extracomment>
        <translation>Reiseregning</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Prosjekt</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Selskap</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n company(ies) in Tripletex…</source>
        <extracomment>Verdict shown when a permission is not needed with the chosen sync options. The page changed the draft&apos;s sync choice (&quot;Continue without projects&quot;); the Sync page reloads.</extracomment>
        <translation>
            <numerusform>Sjekker %n selskap i Tripletex …</numerusform>
            <numerusform>Sjekker %n selskaper i Tripletex …</numerusform>
        </translation>
    </message>
    <message>
        <source>Tripletex refused this read, so the box is not ticked on the token. Tick “%1” (%2), then click Check again.</source>
        <translation>Tripletex avviste dette oppslaget, så avkrysningen mangler på nøkkelen. Huk av «%1» (%2), og klikk Sjekk igjen.</translation>
    </message>
    <message>
        <source>Probably missing</source>
        <translation>Mangler trolig</translation>
    </message>
    <message>
        <source>Tripletex did not refuse, but what it returned suggests the token lacks “%1”. You can continue. Without it: %2 To be sure, tick it (%3) and click Check again.</source>
        <translation>Tripletex avviste ikke, men svaret tyder på at nøkkelen mangler «%1». Du kan gå videre. Uten den: %2 For å være sikker, huk den av (%3) og klikk Sjekk igjen.</translation>
    </message>
    <message>
        <source>Tripletex refused every %1 read in this company. Either the company does not have the %1 module (then ask whoever manages the subscription), or the token has none of its boxes: tick them on the token and click Check again.</source>
        <translation>Tripletex avviste alle oppslag i modulen %1 i dette selskapet. Enten har ikke selskapet modulen %1 (spør den som har ansvar for abonnementet), eller så har nøkkelen ingen av avkrysningene der: huk dem av på nøkkelen og klikk Sjekk igjen.</translation>
    </message>
    <message>
        <source>Tripletex refused every %1 read in this company. Most likely the company does not use the %1 module; then there is nothing to tick, and you can continue. If it does use it, tick the %1 boxes on the token and click Check again. Until then: %2</source>
        <translation>Tripletex avviste alle oppslag i modulen %1 i dette selskapet. Mest sannsynlig bruker ikke selskapet modulen %1; da er det ingenting å huke av, og du kan gå videre. Bruker selskapet den likevel, huk av tilgangene under %1 på nøkkelen og klikk Sjekk igjen. Inntil da: %2</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Ikke tilgjengelig</translation>
    </message>
    <message>
        <source>Tripletex did not answer this check. You can continue; the next sync checks it again, or click Check again now.</source>
        <translation>Tripletex svarte ikke på denne sjekken. Du kan gå videre; neste synkronisering sjekker den på nytt, eller klikk Sjekk igjen nå.</translation>
    </message>
    <message>
        <source>In Tripletex, open %1 and tick:</source>
        <translation>Åpne %1 i Tripletex og huk av:</translation>
    </message>
    <message>
        <source>(probably missing)</source>
        <translation>(mangler trolig)</translation>
    </message>
    <message>
        <source>Only if the company uses the %1 module (otherwise there is nothing to tick):</source>
        <translation>Bare hvis selskapet bruker modulen %1 (ellers er det ingenting å huke av):</translation>
    </message>
    <message>
        <source>What does not work until then:</source>
        <translation>Dette virker ikke inntil videre:</translation>
    </message>
    <message>
        <source>could not be checked now; the next sync checks it again.</source>
        <translation>kunne ikke sjekkes nå; neste synkronisering sjekker på nytt.</translation>
    </message>
    <message>
        <source>Permission in Tripletex</source>
        <translation>Tilgang i Tripletex</translation>
    </message>
    <message numerus="yes">
        <source>%n permission(s) missing. Tick them on the token in Tripletex (the list below says where), then click Check again.</source>
        <translation>
            <numerusform>%n tilgang mangler. Huk den av på nøkkelen i Tripletex (listen under viser hvor), og klikk Sjekk igjen.</numerusform>
            <numerusform>%n tilganger mangler. Huk dem av på nøkkelen i Tripletex (listen under viser hvor), og klikk Sjekk igjen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rows are named as in Tripletex&apos;s token dialog. Select a cell for details. Red blocks setup; orange and grey are warnings you can continue past. After changing the token in Tripletex, click Check again; there is no need to start over.</source>
        <translation>Radene heter det samme som i nøkkeldialogen i Tripletex. Velg en celle for detaljer. Rødt stopper oppsettet; oransje og grått er advarsler du kan gå forbi. Når du har endret nøkkelen i Tripletex, klikker du Sjekk igjen; du trenger ikke begynne på nytt.</translation>
    </message>
    <message>
        <source>Continue &amp;without projects</source>
        <translation>Fortsett &amp;uten prosjekter</translation>
    </message>
    <message>
        <source>Continue without syncing projects</source>
        <translation>Fortsett uten å synkronisere prosjekter</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Sjekker …</translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation>Trengs ikke</translation>
    </message>
    <message>
        <source>Projects are not synced (see the Sync page), so “%1” is not needed.</source>
        <translation>Prosjekter synkroniseres ikke (se siden Synkronisering), så «%1» trengs ikke.</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Ikke sjekket</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>Sjekken mislyktes</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Gitt</translation>
    </message>
    <message>
        <source>The token has “%1”.</source>
        <translation>Nøkkelen har «%1».</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Mangler</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Ikke bekreftet</translation>
    </message>
    <message>
        <source>Tripletex gave no clear answer for “%1”, usually because the company has no data of that kind yet (for example no other employees or projects). You can continue; if access turns out to be missing later, the app tells you what to tick.</source>
        <translation>Tripletex ga ikke noe klart svar for «%1», som regel fordi selskapet ikke har slike data ennå (for eksempel ingen andre ansatte eller prosjekter). Du kan fortsette. Viser det seg senere at tilgangen mangler, forteller appen hva du skal krysse av for.</translation>
    </message>
    <message numerus="yes">
        <source>The check failed for %n company(ies). Click Check again.</source>
        <translation>
            <numerusform>Sjekken mislyktes for %n selskap. Klikk Sjekk igjen.</numerusform>
            <numerusform>Sjekken mislyktes for %n selskaper. Klikk Sjekk igjen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing blocks: you can continue. Below is what may not work, and why.</source>
        <translation>Ingenting stopper deg: du kan gå videre. Under står det hva som kanskje ikke virker, og hvorfor.</translation>
    </message>
    <message numerus="yes">
        <source>Everything needed is granted; %n could not be confirmed (see the cells).</source>
        <translation>
            <numerusform>Alt som trengs er gitt. %n kunne ikke bekreftes (se cellene).</numerusform>
            <numerusform>Alt som trengs er gitt. %n kunne ikke bekreftes (se cellene).</numerusform>
        </translation>
    </message>
    <message>
        <source>All permissions are granted.</source>
        <translation>Alle tilganger er gitt.</translation>
    </message>
    <message>
        <source>Checked at %1</source>
        <translation>Sjekket kl. %1</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Tilganger</translation>
    </message>
    <message>
        <source>What the employee token may do in each company.</source>
        <translation>Hva brukernøkkelen har lov til i hvert selskap.</translation>
    </message>
    <message>
        <source>Permissions per company</source>
        <translation>Tilganger per selskap</translation>
    </message>
    <message>
        <source>Boxes to tick in Tripletex</source>
        <translation>Avkrysninger i Tripletex</translation>
    </message>
    <message>
        <source>When the permissions were checked</source>
        <translation>Når tilgangene ble sjekket</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>Sjekk i&amp;gjen</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Sjekk igjen</translation>
    </message>
    <message>
        <source>&amp;Copy list</source>
        <translation>&amp;Kopier listen</translation>
    </message>
    <message>
        <source>Copy the list of boxes to tick</source>
        <translation>Kopier listen over avkrysninger</translation>
    </message>
    <message>
        <source>&amp;Leave out companies with missing access</source>
        <translation>T&amp;a ut selskaper som mangler tilgang</translation>
    </message>
    <message>
        <source>Leave out companies with missing access</source>
        <translation>Ta ut selskaper som mangler tilgang</translation>
    </message>
</context>
<context>
    <name>ReplaceTokenDialog</name>
    <message>
        <source>Replace token – %1</source>
        <translation>Bytt nøkkel – %1</translation>
    </message>
    <message>
        <source>Paste the new employee token from Tripletex. It is checked with Tripletex before it replaces the one stored for this connection.</source>
        <translation>Lim inn den nye brukernøkkelen fra Tripletex. Den kontrolleres mot Tripletex før den erstatter nøkkelen som er lagret for tilkoblingen.</translation>
    </message>
    <message>
        <source>New &amp;token:</source>
        <translation>Ny &amp;nøkkel:</translation>
    </message>
    <message>
        <source>Paste the token from Tripletex</source>
        <translation>Lim inn nøkkelen fra Tripletex</translation>
    </message>
    <message>
        <source>New employee token</source>
        <translation>Ny brukernøkkel</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Vis nøkkelen</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Paste the token from the clipboard and check it</source>
        <translation>Lim inn nøkkelen fra utklippstavlen og kontroller den</translation>
    </message>
    <message>
        <source>How to create a &amp;new token…</source>
        <translation>&amp;Slik lager du en ny nøkkel …</translation>
    </message>
    <message>
        <source>How to create the employee token in Tripletex</source>
        <translation>Slik lager du brukernøkkelen i Tripletex</translation>
    </message>
    <message>
        <source>Check and &amp;save</source>
        <translation>Kontroller og l&amp;agre</translation>
    </message>
    <message>
        <source>Check the token with Tripletex and store it</source>
        <translation>Kontroller nøkkelen mot Tripletex og lagre den</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>&amp;Keep the token for this run only (no secure password store)</source>
        <translation>&amp;Behold nøkkelen bare for denne økten (ikke noe sikkert passordlager)</translation>
    </message>
    <message>
        <source>Keep the token for this run only</source>
        <translation>Behold nøkkelen bare for denne økten</translation>
    </message>
    <message>
        <source>Checking the token with Tripletex…</source>
        <translation>Kontrollerer nøkkelen mot Tripletex …</translation>
    </message>
    <message>
        <source>Stored. Connected as %1 (%2).</source>
        <translation>Lagret. Koblet til som %1 (%2).</translation>
    </message>
    <message>
        <source>Or tick the box below and save again: the token is never written to a file.</source>
        <translation>Eller kryss av under og lagre på nytt: nøkkelen skrives aldri til en fil.</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <source>Per diem is only paid for trips more than 15 km from home and the workplace</source>
        <translation>Diett betales bare for reiser mer enn 15 km fra hjemmet og arbeidsstedet</translation>
    </message>
    <message>
        <source>More than 15 km from home and work</source>
        <translation>Mer enn 15 km fra hjem og arbeidssted</translation>
    </message>
    <message>
        <source>More than &amp;15 km from home and work</source>
        <translation>&amp;Mer enn 15 km fra hjem og arbeidssted</translation>
    </message>
    <message>
        <source>Travel report</source>
        <extracomment>Debounce of the draft auto-save (milliseconds after the last change). Where the last receipt was picked from in this run (the next file dialog starts there). the draft is saved and complete: approve it and send it (the reports view does both) whom a new report is for at first (the token&apos;s owner where they may register travel expenses) the client the report is for (shown at the top and in the title: never a silent other client) the stored list row (state, Tripletex number and state) of a report opened read-only fields the user has touched; problems show only there until an explicit save shows them all exchange rates of foreign costs, (code, date) -&gt; NOK per unit: the report&apos;s own, then asked for</extracomment>
        <translation>Reiseregning</translation>
    </message>
    <message>
        <source>Employee expense</source>
        <translation>Ansattutlegg</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Selskap</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Selskap:</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Ansatt</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(velg)</translation>
    </message>
    <message numerus="yes">
        <source>Type to search among %n employee(s)</source>
        <translation>
            <numerusform>Skriv for å søke blant %n ansatt</numerusform>
            <numerusform>Skriv for å søke blant %n ansatte</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Employee:</source>
        <translation>&amp;Ansatt:</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tittel</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Tittel:</translation>
    </message>
    <message>
        <source>Trip</source>
        <translation>Reise</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>&amp;Formål:</translation>
    </message>
    <message>
        <source>Departure date and time</source>
        <translation>Dato og klokkeslett for avreise</translation>
    </message>
    <message>
        <source>&amp;Departure:</source>
        <translation>Avr&amp;eise:</translation>
    </message>
    <message>
        <source>Return date and time</source>
        <translation>Dato og klokkeslett for hjemkomst</translation>
    </message>
    <message>
        <source>&amp;Return:</source>
        <translation>&amp;Hjemkomst:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>F&amp;ra:</translation>
    </message>
    <message>
        <source>To (destination)</source>
        <translation>Til (reisemål)</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>T&amp;il:</translation>
    </message>
    <message>
        <source>Forei&amp;gn trip</source>
        <translation>&amp;Utenlandsreise</translation>
    </message>
    <message>
        <source>Foreign trip</source>
        <translation>Utenlandsreise</translation>
    </message>
    <message>
        <source>Country code</source>
        <translation>Landkode</translation>
    </message>
    <message>
        <source>Two letters, e.g. SE</source>
        <translation>To bokstaver, for eksempel SE</translation>
    </message>
    <message>
        <source>Country, e.g. SE</source>
        <translation>Land, for eksempel SE</translation>
    </message>
    <message>
        <source>Abroad:</source>
        <translation>Utland:</translation>
    </message>
    <message>
        <source>O&amp;vernight (not a day trip)</source>
        <translation>&amp;Overnatting (ikke dagsreise)</translation>
    </message>
    <message>
        <source>Overnight</source>
        <translation>Overnatting</translation>
    </message>
    <message>
        <source>Stay:</source>
        <translation>Opphold:</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Prosjekt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Avdeling</translation>
    </message>
    <message>
        <source>Pro&amp;ject:</source>
        <translation>&amp;Prosjekt:</translation>
    </message>
    <message>
        <source>Dep&amp;artment:</source>
        <translation>A&amp;vdeling:</translation>
    </message>
    <message>
        <source>Approve and se&amp;nd</source>
        <translation>Godk&amp;jenn og send</translation>
    </message>
    <message>
        <source>Save, mark ready and send to Tripletex</source>
        <translation>Lagre, gjør klar og send til Tripletex</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Lukk</translation>
    </message>
    <message>
        <source>Close (the draft is saved)</source>
        <translation>Lukk (utkastet er lagret)</translation>
    </message>
    <message>
        <source>Correct the marked fields first.</source>
        <translation>Rett feltene som er merket, først.</translation>
    </message>
    <message>
        <source>Mileage allowance</source>
        <translation>Kjøregodtgjørelse</translation>
    </message>
    <message>
        <source>Per diem</source>
        <translation>Diett</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Utlegg</translation>
    </message>
    <message>
        <source>To be paid out</source>
        <translation>Til utbetaling</translation>
    </message>
    <message>
        <source>converted by Tripletex</source>
        <translation>omregnes av Tripletex</translation>
    </message>
    <message>
        <source>%1 (incl. tolls %2)</source>
        <translation>%1 (inkl. bompenger %2)</translation>
    </message>
    <message>
        <source>+ %1 (converted by Tripletex)</source>
        <translation>+ %1 (omregnes av Tripletex)</translation>
    </message>
    <message>
        <source>No exchange rate yet: Tripletex converts it when it arrives.</source>
        <translation>Ingen valutakurs ennå: Tripletex regner om når reiseregningen kommer fram.</translation>
    </message>
    <message>
        <source>≈ estimate</source>
        <translation>≈ anslag</translation>
    </message>
    <message>
        <source>%1 km × %2</source>
        <translation>%1 km × %2</translation>
    </message>
    <message>
        <source>passengers: %1 km × %2</source>
        <translation>passasjerer: %1 km × %2</translation>
    </message>
    <message>
        <source>toll: %1, paid out under Costs</source>
        <translation>bompenger: %1, utbetales under Utlegg</translation>
    </message>
    <message>
        <source>%1 %2 × %3 (exchange rate of %4) ≈ %5</source>
        <translation>%1 %2 × %3 (kursen %4) ≈ %5</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>meals %1</source>
        <translation>måltider %1</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisk</translation>
    </message>
    <message>
        <source>%1 (suggested)</source>
        <translation>%1 (foreslått)</translation>
    </message>
    <message>
        <source>%1 (not valid for this line)</source>
        <translation>%1 (ikke gyldig for denne linjen)</translation>
    </message>
    <message>
        <source>Choose a receipt</source>
        <translation>Velg en kvittering</translation>
    </message>
    <message>
        <source>Receipts (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>Kvitteringer (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>%1 (may not register travel expenses)</source>
        <translation>%1 (kan ikke registrere reiseregninger)</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Rad %1: %2</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ulagrede endringer</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Lagrer …</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>Utkastet er lagret</translation>
    </message>
    <message>
        <source>Replace per diem lines</source>
        <translation>Erstatt diettlinjer</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Erstatt</translation>
    </message>
    <message numerus="yes">
        <source>Replace the %n per diem line(s) with the suggestion for the trip&apos;s times?</source>
        <translation>
            <numerusform>Erstatte %n diettlinje med forslaget for reisens tider?</numerusform>
            <numerusform>Erstatte %n diettlinjer med forslaget for reisens tider?</numerusform>
        </translation>
    </message>
    <message>
        <source>No per diem for this trip (under 6 hours or 15 km).</source>
        <translation>Ingen diett for denne reisen (under 6 timer eller 15 km).</translation>
    </message>
    <message>
        <source>This report can only be read here. To change it, choose Reopen for editing in the list.</source>
        <translation>Denne kan bare leses her. Vil du endre den, velg Gjenåpne for redigering i listen.</translation>
    </message>
    <message>
        <source>To be paid out: %1</source>
        <translation>Til utbetaling: %1</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>%1 (employee expense)</source>
        <extracomment>company id -&gt; name, for the Company column the time a pending write&apos;s settle time is compared with (the backend&apos;s clock; set by the view)</extracomment>
        <translation>%1 (ansattutlegg)</translation>
    </message>
    <message>
        <source>Draft</source>
        <extracomment>Report states (storage/reports.py STATES) -&gt; text.</extracomment>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Unclear – check status in Tripletex</source>
        <translation>Uklart – sjekk status i Tripletex</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkjent</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Venter på å bli sendt</translation>
    </message>
    <message>
        <source>Ready to send</source>
        <translation>Klar til sending</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislyktes</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>Tripletex&apos;s own travel expense states (as &quot;Check status in Tripletex&quot; reads them) -&gt; text.</extracomment>
        <translation>Åpen</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Levert</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Utbetalt</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Avvist</translation>
    </message>
    <message>
        <source>In Tripletex as no. %1, open – not delivered</source>
        <extracomment>What Tripletex holds, by its state, next to the local state in the report list.</extracomment>
        <translation>I Tripletex som nr. %1, åpen – ikke levert</translation>
    </message>
    <message>
        <source>In Tripletex as no. %1, delivered</source>
        <translation>I Tripletex som nr. %1, levert</translation>
    </message>
    <message>
        <source>In Tripletex as no. %1, approved</source>
        <translation>I Tripletex som nr. %1, godkjent</translation>
    </message>
    <message>
        <source>In Tripletex as no. %1, paid out</source>
        <translation>I Tripletex som nr. %1, utbetalt</translation>
    </message>
    <message>
        <source>In Tripletex as no. %1, rejected</source>
        <translation>I Tripletex som nr. %1, avvist</translation>
    </message>
    <message>
        <source>In Tripletex (its number is not known yet)</source>
        <translation>I Tripletex (nummeret er ikke kjent ennå)</translation>
    </message>
    <message>
        <source>In Tripletex as no. %1</source>
        <translation>I Tripletex som nr. %1</translation>
    </message>
    <message>
        <source>Includes costs in other currencies at the exchange rate of their date: an estimate. Tripletex computes the final amount in NOK when the report arrives.</source>
        <translation>Utlegg i annen valuta er regnet om til kursen på datoen sin: et anslag. Tripletex regner ut det endelige beløpet i kroner når reiseregningen kommer fram.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Return date</source>
        <translation>Dato for hjemkomst</translation>
    </message>
    <message>
        <source>Departure time</source>
        <translation>Klokkeslett for avreise</translation>
    </message>
    <message>
        <source>Trip</source>
        <extracomment>the table&apos;s columns before the file&apos;s own: status, report number, problem rows shown in the table (all problems are listed below it whatever the size of the file) problems and notes listed at most (a line says how many more)</extracomment>
        <translation>Reise</translation>
    </message>
    <message>
        <source>Return time</source>
        <translation>Klokkeslett for hjemkomst</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <source>Km</source>
        <translation>Km</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Ansatt</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Toll</source>
        <translation>Bompenger</translation>
    </message>
    <message>
        <source>Passengers</source>
        <translation>Passasjerer</translation>
    </message>
    <message>
        <source>Company car</source>
        <translation>Firmabil</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tittel</translation>
    </message>
    <message>
        <source>Lodging</source>
        <translation>Overnatting</translation>
    </message>
    <message>
        <source>Breakfast provided</source>
        <translation>Frokost dekket</translation>
    </message>
    <message>
        <source>Lunch provided</source>
        <translation>Lunsj dekket</translation>
    </message>
    <message>
        <source>Dinner provided</source>
        <translation>Middag dekket</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Cost type</source>
        <translation>Kostnadstype</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløp</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Paid with</source>
        <translation>Betalingsmåte</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kvittering</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Rows with the same value are one trip: its legs and costs make one report.</source>
        <extracomment>what each column accepts (the dialog&apos;s Format tab)</extracomment>
        <translation>Rader med samme verdi er én reise: strekningene og utgiftene blir én reiseregning.</translation>
    </message>
    <message>
        <source>Employee number, e-mail or full name.</source>
        <translation>Ansattnummer, e-post eller fullt navn.</translation>
    </message>
    <message>
        <source>The day of the leg or cost: 10.03.2026, 10.3.26, 2026-03-10 or an Excel date.</source>
        <translation>Dagen for strekningen eller utgiften: 10.03.2026, 10.3.26, 2026-03-10 eller en Excel-dato.</translation>
    </message>
    <message>
        <source>08:00, 8.30, 0830, kl. 8 or an Excel time.</source>
        <translation>08:00, 8.30, 0830, kl. 8 eller et Excel-klokkeslett.</translation>
    </message>
    <message>
        <source>When the row ends on a later day (a date).</source>
        <translation>Når raden slutter en senere dag (en dato).</translation>
    </message>
    <message>
        <source>18:15, 18.15, 1815 or an Excel time.</source>
        <translation>18:15, 18.15, 1815 eller et Excel-klokkeslett.</translation>
    </message>
    <message>
        <source>Where the leg starts.</source>
        <translation>Hvor strekningen starter.</translation>
    </message>
    <message>
        <source>Where the leg ends.</source>
        <translation>Hvor strekningen slutter.</translation>
    </message>
    <message>
        <source>42,5 or 42.5 (also “1 234,5”). Empty or 0 for a trip without driving.</source>
        <translation>42,5 eller 42.5 (også «1 234,5»). Tom eller 0 for en reise uten kjøring.</translation>
    </message>
    <message>
        <source>Why the trip was made.</source>
        <translation>Hvorfor reisen ble gjort.</translation>
    </message>
    <message>
        <source>The report&apos;s title (else the places are used).</source>
        <translation>Tittelen på reiseregningen (ellers brukes stedene).</translation>
    </message>
    <message>
        <source>Road tolls of the leg in NOK.</source>
        <translation>Bompenger på strekningen i kroner.</translation>
    </message>
    <message>
        <source>How many colleagues rode along (0–8).</source>
        <translation>Hvor mange kolleger som satt på (0–8).</translation>
    </message>
    <message>
        <source>ja/nei, x, yes/no or 1/0.</source>
        <translation>ja/nei, x, yes/no eller 1/0.</translation>
    </message>
    <message>
        <source>hotell, privat, pensjonat or ingen (no overnight stay); decides per diem.</source>
        <translation>hotell, privat, pensjonat eller ingen (ingen overnatting); avgjør dietten.</translation>
    </message>
    <message>
        <source>ja/nei: the meal was paid for (per diem is reduced).</source>
        <translation>ja/nei: måltidet var dekket (dietten trekkes).</translation>
    </message>
    <message>
        <source>SE or Sverige for a trip abroad; empty or NO for Norway.</source>
        <translation>SE eller Sverige for en utenlandsreise; tom eller NO for Norge.</translation>
    </message>
    <message>
        <source>A cost category of the company in Tripletex, by name (Hotell, Tog, Parkering, …).</source>
        <translation>En av selskapets kostnadskategorier i Tripletex, etter navn (Hotell, Tog, Parkering, …).</translation>
    </message>
    <message>
        <source>Including VAT: 1 450,00, 1450.00 or kr 1 450,-.</source>
        <translation>Inkludert mva.: 1 450,00, 1450.00 eller kr 1 450,-.</translation>
    </message>
    <message>
        <source>NOK, EUR, SEK, … (empty is NOK).</source>
        <translation>NOK, EUR, SEK, … (tom er NOK).</translation>
    </message>
    <message>
        <source>How it was paid, by name (e.g. Privat utlegg); empty uses the company&apos;s choice.</source>
        <translation>Hvordan det ble betalt, etter navn (f.eks. Privat utlegg); tom bruker selskapets valg.</translation>
    </message>
    <message>
        <source>A PDF or image file; a relative path starts in the imported file&apos;s folder.</source>
        <translation>En PDF- eller bildefil; en relativ sti starter i mappen til filen som importeres.</translation>
    </message>
    <message>
        <source>The cost&apos;s comment (and the purpose if there is none).</source>
        <translation>Kommentar til utgiften (og formålet hvis det ikke finnes).</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Påkrevd</translation>
    </message>
    <message>
        <source>Required unless an employee is chosen</source>
        <translation>Påkrevd hvis ingen ansatt er valgt</translation>
    </message>
    <message>
        <source>Required for trips</source>
        <translation>Påkrevd for reiser</translation>
    </message>
    <message>
        <source>Required for costs</source>
        <translation>Påkrevd for utgifter</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Valgfri</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Ny</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Held back</source>
        <translation>Holdes tilbake</translation>
    </message>
    <message>
        <source>Imported before</source>
        <translation>Importert før</translation>
    </message>
    <message>
        <source>Totals row</source>
        <translation>Sumrad</translation>
    </message>
    <message>
        <source>same trip key</source>
        <translation>samme reisenøkkel</translation>
    </message>
    <message>
        <source>times overlap or touch</source>
        <translation>tidene henger sammen</translation>
    </message>
    <message>
        <source>one month of driving</source>
        <translation>én måneds kjøring</translation>
    </message>
    <message>
        <source>one row</source>
        <translation>én rad</translation>
    </message>
    <message>
        <source>employee expense</source>
        <translation>ansattutlegg</translation>
    </message>
    <message>
        <source>overnight, per 24 hours</source>
        <translation>overnatting, per døgn</translation>
    </message>
    <message>
        <source>day trip 6–12 hours</source>
        <translation>dagsreise 6–12 timer</translation>
    </message>
    <message>
        <source>day trip over 12 hours</source>
        <translation>dagsreise over 12 timer</translation>
    </message>
    <message>
        <source>6–12 hours after the last night</source>
        <translation>6–12 timer etter siste overnatting</translation>
    </message>
    <message>
        <source>over 12 hours after the last night</source>
        <translation>over 12 timer etter siste overnatting</translation>
    </message>
    <message>
        <source>Row %1: no times in the file; 08:00–16:00 was assumed – check the trip times before suggesting per diem.</source>
        <extracomment>core.importing RowNote codes -&gt; text (&quot;%1&quot; is the row number in the file, &quot;%2&quot; a detail).</extracomment>
        <translation>Rad %1: ingen klokkeslett i filen; 08:00–16:00 er lagt til grunn – sjekk reisetidene før du foreslår diett.</translation>
    </message>
    <message>
        <source>Row %1 adds up the rows above and was ignored.</source>
        <translation>Rad %1 summerer radene over og ble ignorert.</translation>
    </message>
    <message>
        <source>Row %1 is above the column headers and was skipped.</source>
        <translation>Rad %1 står over kolonneoverskriftene og ble hoppet over.</translation>
    </message>
    <message>
        <source>Row %1: per diem was not suggested because the trip&apos;s times are not in the file; enter them and use Suggest in the editor.</source>
        <translation>Rad %1: diett ble ikke foreslått fordi reisens klokkeslett ikke står i filen; legg dem inn og bruk Foreslå i redigeringen.</translation>
    </message>
    <message>
        <source>Row %1: per diem was not suggested: the company has no matching rate for the trip&apos;s dates (sync it, then use Suggest in the editor).</source>
        <translation>Rad %1: diett ble ikke foreslått: selskapet har ingen passende sats for reisens datoer (synkroniser, og bruk så Foreslå i redigeringen).</translation>
    </message>
    <message>
        <source>Row %1: per diem was not suggested: Tripletex has no per diem rate for travel to %2 on the trip&apos;s dates (sync, and check that the country is enabled for travel expenses in Tripletex; then use Suggest in the editor).</source>
        <translation>Rad %1: diett ble ikke foreslått: Tripletex har ingen diettsats for reiser til %2 på reisens datoer (synkroniser, og sjekk at landet er aktivert for reiseregninger i Tripletex; bruk så Foreslå i redigeringen).</translation>
    </message>
    <message>
        <source>Row %1: no per diem was suggested: the company&apos;s travel settings in Tripletex say per diem is not paid.</source>
        <translation>Rad %1: ingen diett ble foreslått: reiseregningsinnstillingene i Tripletex sier at selskapet ikke utbetaler diett.</translation>
    </message>
    <message>
        <source>Row %1: the report has no km, costs or per diem yet; add them in the editor before approving.</source>
        <translation>Rad %1: reiseregningen har ennå ingen km, utgifter eller diett; legg dem til i redigeringen før du godkjenner.</translation>
    </message>
    <message>
        <source>Row %1: this month was imported before; the new rows become a report of their own.</source>
        <translation>Rad %1: denne måneden er importert før; de nye radene blir en egen reiseregning.</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Rad %1: %2</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Kolonner</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>Rad %1</translation>
    </message>
    <message>
        <source>Not imported: another row of the same report has a problem.</source>
        <translation>Ikke importert: en annen rad i samme reiseregning har et problem.</translation>
    </message>
    <message>
        <source>Drive %1: %2 → %3, %4 km</source>
        <translation>Kjøring %1: %2 → %3, %4 km</translation>
    </message>
    <message>
        <source>Cost %1: %2 %3</source>
        <translation>Utgift %1: %2 %3</translation>
    </message>
    <message>
        <source>receipt %1</source>
        <translation>kvittering %1</translation>
    </message>
    <message>
        <source>Per diem: %1 × %2</source>
        <translation>Diett: %1 × %2</translation>
    </message>
    <message>
        <source>Leg %1: %2 → %3, no driving</source>
        <translation>Strekning %1: %2 → %3, uten kjøring</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>What can be done with a report in each state; the toolbar shows what every selected report allows. (Reopen is refused by the backend, with the reason, once the journal shows a write to Tripletex.) Actions on one report at a time. The keys of ReportsView.selection_buttons(), in the same order.</extracomment>
        <translation>Status</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Datoer</translation>
    </message>
    <message>
        <source>Amount (NOK)</source>
        <translation>Beløp (NOK)</translation>
    </message>
    <message>
        <source>In Tripletex</source>
        <translation>I Tripletex</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Selskap</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>Forespørsels-ID: %1</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>&amp;New travel report</source>
        <extracomment>a report was approved, reopened, sent, checked or deleted (the main window refreshes its archive) an error&apos;s fix the main window carries out (ui.messages action keys: sync_now, edit_connection, ...)</extracomment>
        <translation>&amp;Ny reiseregning</translation>
    </message>
    <message>
        <source>New travel report</source>
        <translation>Ny reiseregning</translation>
    </message>
    <message>
        <source>New employee e&amp;xpense</source>
        <translation>Nytt ansatt&amp;utlegg</translation>
    </message>
    <message>
        <source>New employee expense</source>
        <translation>Nytt ansattutlegg</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>I&amp;mporter …</translation>
    </message>
    <message>
        <source>Import travel reports from a file</source>
        <translation>Importer reiseregninger fra en fil</translation>
    </message>
    <message>
        <source>Open the selected report</source>
        <translation>Åpne valgt reiseregning</translation>
    </message>
    <message>
        <source>O&amp;pen</source>
        <translation>&amp;Åpne</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>Send på n&amp;ytt</translation>
    </message>
    <message>
        <source>Send again (never creates duplicates)</source>
        <translation>Send på nytt (lager aldri duplikater)</translation>
    </message>
    <message>
        <source>Ready to &amp;send</source>
        <translation>Klar til &amp;sending</translation>
    </message>
    <message>
        <source>Mark the selected drafts ready to send</source>
        <translation>Gjør de valgte utkastene klare til sending</translation>
    </message>
    <message>
        <source>Send to &amp;Tripletex</source>
        <translation>Send til &amp;Tripletex</translation>
    </message>
    <message>
        <source>Send the selected reports that are ready to Tripletex</source>
        <translation>Send de valgte reiseregningene som er klare, til Tripletex</translation>
    </message>
    <message>
        <source>P&amp;review</source>
        <translation>&amp;Forhåndsvis</translation>
    </message>
    <message>
        <source>Preview what would be created in Tripletex</source>
        <translation>Forhåndsvis det som ville blitt opprettet i Tripletex</translation>
    </message>
    <message>
        <source>Check status in Tripletex</source>
        <translation>Sjekk status i Tripletex</translation>
    </message>
    <message>
        <source>Ask Tripletex whether the report arrived, and its state there</source>
        <translation>Spør Tripletex om reiseregningen kom fram, og hvilken status den har der</translation>
    </message>
    <message>
        <source>De&amp;lete draft</source>
        <translation>S&amp;lett utkast</translation>
    </message>
    <message>
        <source>Delete the selected draft</source>
        <translation>Slett valgt utkast</translation>
    </message>
    <message>
        <source>Reopen for e&amp;diting</source>
        <translation>Gjenåpne for re&amp;digering</translation>
    </message>
    <message>
        <source>Make the selected approved or failed reports editable drafts again</source>
        <translation>Gjør valgte godkjente eller mislykkede regninger til redigerbare utkast igjen</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Selskap</translation>
    </message>
    <message>
        <source>All companies</source>
        <translation>Alle selskaper</translation>
    </message>
    <message>
        <source>Show reports in state</source>
        <translation>Vis reiseregninger med status</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle statuser</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Trenger oppmerksomhet</translation>
    </message>
    <message>
        <source>Search reports</source>
        <translation>Søk i reiseregninger</translation>
    </message>
    <message>
        <source>Search title, place, employee…</source>
        <translation>Søk etter tittel, sted, ansatt …</translation>
    </message>
    <message>
        <source>Sear&amp;ch:</source>
        <translation>Sø&amp;k:</translation>
    </message>
    <message>
        <source>Travel reports</source>
        <translation>Reiseregninger</translation>
    </message>
    <message>
        <source>No travel reports yet</source>
        <translation>Ingen reiseregninger ennå</translation>
    </message>
    <message>
        <source>Write one, or import a driving log or trip list (CSV or Excel).</source>
        <translation>Skriv en, eller importer en kjørebok eller reiseliste (CSV eller Excel).</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importer …</translation>
    </message>
    <message>
        <source>No report matches</source>
        <translation>Ingen reiseregning passer</translation>
    </message>
    <message>
        <source>Nothing in this list matches the state and search chosen above.</source>
        <translation>Ingenting i listen passer med statusen og søket som er valgt over.</translation>
    </message>
    <message>
        <source>Show all reports</source>
        <translation>Vis alle reiseregninger</translation>
    </message>
    <message>
        <source>Clear the search and the state filter</source>
        <translation>Tøm søket og statusfilteret</translation>
    </message>
    <message>
        <source>Fix the problem</source>
        <translation>Rett problemet</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>Fremdrift for sendingen</translation>
    </message>
    <message numerus="yes">
        <source>%n selected, total %1</source>
        <translation>
            <numerusform>%n valgt, sum %1</numerusform>
            <numerusform>%n valgt, sum %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown, total %1</source>
        <translation>
            <numerusform>%n vist, sum %1</numerusform>
            <numerusform>%n vist, sum %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Slett utkast</translation>
    </message>
    <message>
        <source>Which client?</source>
        <translation>Hvilken klient?</translation>
    </message>
    <message>
        <source>The new report is for:</source>
        <translation>Den nye reiseregningen gjelder:</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) ready to send.</source>
        <translation>
            <numerusform>%n reiseregning er klar til sending.</numerusform>
            <numerusform>%n reiseregninger er klare til sending.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) reopened as drafts; open them to correct and mark them ready again.</source>
        <translation>
            <numerusform>%n reiseregning er åpnet som utkast igjen; åpne den for å rette og gjøre den klar på nytt.</numerusform>
            <numerusform>%n reiseregninger er åpnet som utkast igjen; åpne dem for å rette og gjøre dem klare på nytt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The report waits to be sent; the next sync sends it.</source>
        <translation>Reiseregningen venter på å bli sendt; neste synkronisering sender den.</translation>
    </message>
    <message>
        <source>Tripletex does not have this report yet. Use Send to Tripletex to send it.</source>
        <translation>Tripletex har ikke denne reiseregningen ennå. Bruk Send til Tripletex for å sende den.</translation>
    </message>
    <message numerus="yes">
        <source>Sending %n report(s)…</source>
        <translation>
            <numerusform>Sender %n reiseregning …</numerusform>
            <numerusform>Sender %n reiseregninger …</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivered to Tripletex as number %1. Tripletex does not let this token approve it: someone who approves travel expenses must do that in Tripletex.</source>
        <translation>Levert til Tripletex som nummer %1. Tripletex lar ikke denne nøkkelen godkjenne den: noen som godkjenner reiseregninger, må gjøre det i Tripletex.</translation>
    </message>
    <message>
        <source>Sent to Tripletex as number %1.</source>
        <translation>Sendt til Tripletex som nummer %1.</translation>
    </message>
    <message>
        <source>Tripletex refused the report when it was delivered:</source>
        <translation>Tripletex avviste reiseregningen da den ble levert:</translation>
    </message>
    <message>
        <source>Open the report to see the lines marked, correct them, and send again.</source>
        <translation>Åpne reiseregningen for å se de merkede linjene, rett dem og send på nytt.</translation>
    </message>
    <message>
        <source>Mileage, row %1</source>
        <translation>Kjøregodtgjørelse, rad %1</translation>
    </message>
    <message>
        <source>Costs, row %1</source>
        <translation>Utgifter, rad %1</translation>
    </message>
    <message>
        <source>Per diem, row %1</source>
        <translation>Diett, rad %1</translation>
    </message>
    <message>
        <source>The trip</source>
        <translation>Reisen</translation>
    </message>
    <message>
        <source>The report</source>
        <translation>Reiseregningen</translation>
    </message>
    <message>
        <source>Tripletex has this report as number %1 (%2).</source>
        <translation>Tripletex har denne reiseregningen som nummer %1 (%2).</translation>
    </message>
    <message>
        <source>Tripletex does not have this report. Use Send again to send it.</source>
        <translation>Tripletex har ikke denne reiseregningen. Bruk Send på nytt for å sende den.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n draft(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Slette %n utkast? Dette kan ikke angres.</numerusform>
            <numerusform>Slette %n utkast? Dette kan ikke angres.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Cancel the setup?</source>
        <translation>Avbryte oppsettet?</translation>
    </message>
    <message>
        <source>Cancel the changes?</source>
        <translation>Avbryte endringene?</translation>
    </message>
    <message>
        <source>What you entered is not saved, and the token is forgotten.</source>
        <translation>Det du har fylt inn, blir ikke lagret, og nøkkelen glemmes.</translation>
    </message>
    <message>
        <source>&amp;Yes, cancel</source>
        <translation>&amp;Ja, avbryt</translation>
    </message>
    <message>
        <source>&amp;No, go on</source>
        <translation>&amp;Nei, fortsett</translation>
    </message>
    <message>
        <source>Yes, throw the setup away</source>
        <translation>Ja, forkast oppsettet</translation>
    </message>
    <message>
        <source>No, go on with the setup</source>
        <translation>Nei, fortsett med oppsettet</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Lagrer …</translation>
    </message>
    <message>
        <source>Or tick “Keep the token for this run only” below and click Finish again. The token is never written to a file.</source>
        <translation>Eller kryss av for «Behold nøkkelen bare mens appen kjører» nedenfor og klikk Fullfør igjen. Nøkkelen skrives aldri til en fil.</translation>
    </message>
    <message>
        <source>Set up Tripletex Desktop</source>
        <translation>Sett opp Tripletex Desktop</translation>
    </message>
    <message>
        <source>Edit connection</source>
        <translation>Endre tilkobling</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Tilbake</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Neste &gt;</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Neste</translation>
    </message>
    <message>
        <source>Co&amp;mmit</source>
        <translation>&amp;Bekreft</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Bekreft</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Fullfør</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fullfør</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Production</source>
        <extracomment>Above this many clients the summary counts them instead of listing each.</extracomment>
        <translation>Produksjon</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Demo (built-in)</source>
        <translation>Demo (innebygd)</translation>
    </message>
    <message>
        <source>Custom address</source>
        <translation>Egen adresse</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Miljø</translation>
    </message>
    <message>
        <source>Connected as</source>
        <translation>Koblet til som</translation>
    </message>
    <message>
        <source>A new token, stored in the system&apos;s password store</source>
        <translation>En ny nøkkel, lagret i systemets passordlager</translation>
    </message>
    <message>
        <source>The current token is kept</source>
        <translation>Den nåværende nøkkelen beholdes</translation>
    </message>
    <message>
        <source>expires on %1</source>
        <translation>utløper %1</translation>
    </message>
    <message>
        <source>Employee token</source>
        <translation>Brukernøkkel</translation>
    </message>
    <message>
        <source>mileage: %1</source>
        <translation>kjøregodtgjørelse: %1</translation>
    </message>
    <message>
        <source>per diem: %1</source>
        <translation>diett: %1</translation>
    </message>
    <message>
        <source>paid by the employee: %1</source>
        <translation>betalt av den ansatte: %1</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Selskaper</translation>
    </message>
    <message>
        <source>A new token, kept for this run only (no secure password store on this computer)</source>
        <translation>En ny nøkkel, beholdt bare for denne økten (ikke noe sikkert passordlager på denne maskinen)</translation>
    </message>
    <message>
        <source>A new token; this computer has no secure password store to keep it in</source>
        <translation>En ny nøkkel; denne maskinen har ikke noe sikkert passordlager å ta vare på den i</translation>
    </message>
    <message>
        <source>employees</source>
        <translation>ansatte</translation>
    </message>
    <message>
        <source>projects</source>
        <translation>prosjekter</translation>
    </message>
    <message>
        <source>departments</source>
        <translation>avdelinger</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>After Finish</source>
        <translation>Etter Fullfør</translation>
    </message>
    <message>
        <source>Sync starts at once</source>
        <translation>Synkroniseringen starter med en gang</translation>
    </message>
    <message>
        <source>No sync until you start one</source>
        <translation>Ingen synkronisering før du starter en</translation>
    </message>
    <message numerus="yes">
        <source>%n clients, the same categories</source>
        <translation>
            <numerusform>%n klient, samme kategorier</numerusform>
            <numerusform>%n klienter, samme kategorier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clients</source>
        <translation>
            <numerusform>%n klient</numerusform>
            <numerusform>%n klienter</numerusform>
        </translation>
    </message>
    <message>
        <source>mileage: %1; per diem: %2; paid by the employee: %3</source>
        <translation>kjøregodtgjørelse: %1; diett: %2; betalt av den ansatte: %3</translation>
    </message>
    <message>
        <source>categories not loaded</source>
        <translation>kategoriene er ikke hentet</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n klient</numerusform>
            <numerusform>%n klienter</numerusform>
        </translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Oppsummering</translation>
    </message>
    <message>
        <source>Check your choices, then click Finish to save the connection.</source>
        <translation>Se over valgene dine, og klikk Fullfør for å lagre tilkoblingen.</translation>
    </message>
    <message>
        <source>Connection &amp;name:</source>
        <translation>Navn på til&amp;koblingen:</translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation>Navn på tilkoblingen</translation>
    </message>
    <message>
        <source>Summary of your choices</source>
        <translation>Oppsummering av valgene dine</translation>
    </message>
    <message>
        <source>&amp;Keep the token for this run only (you will paste it again next time you start the app)</source>
        <translation>&amp;Behold nøkkelen bare mens appen kjører (du limer den inn igjen neste gang du starter appen)</translation>
    </message>
    <message>
        <source>Keep the token for this run only</source>
        <translation>Behold nøkkelen bare mens appen kjører</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Only when I click Sync</source>
        <translation>Bare når jeg klikker Synkroniser</translation>
    </message>
    <message>
        <source>Every 15 minutes</source>
        <translation>Hvert 15. minutt</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Hver time</translation>
    </message>
    <message>
        <source>Once a day</source>
        <translation>Én gang i døgnet</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>What to fetch from Tripletex, and how often.</source>
        <translation>Hva som skal hentes fra Tripletex, og hvor ofte.</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Hent</translation>
    </message>
    <message>
        <source>Employees (always)</source>
        <translation>Ansatte (alltid)</translation>
    </message>
    <message>
        <source>Employees, always synced</source>
        <translation>Ansatte, synkroniseres alltid</translation>
    </message>
    <message>
        <source>&amp;Projects</source>
        <translation>&amp;Prosjekter</translation>
    </message>
    <message>
        <source>Sync projects</source>
        <translation>Synkroniser prosjekter</translation>
    </message>
    <message>
        <source>&amp;Departments</source>
        <translation>&amp;Avdelinger</translation>
    </message>
    <message>
        <source>Sync departments</source>
        <translation>Synkroniser avdelinger</translation>
    </message>
    <message>
        <source>&amp;How often:</source>
        <translation>&amp;Hvor ofte:</translation>
    </message>
    <message>
        <source>How often to sync</source>
        <translation>Hvor ofte det skal synkroniseres</translation>
    </message>
    <message>
        <source>&amp;Sync now when I click Finish</source>
        <translation>&amp;Synkroniser med en gang når jeg klikker Fullfør</translation>
    </message>
    <message>
        <source>Sync now when I click Finish</source>
        <translation>Synkroniser med en gang når jeg klikker Fullfør</translation>
    </message>
    <message>
        <source>Travel reports you send to Tripletex</source>
        <translation>Reiseregninger du sender til Tripletex</translation>
    </message>
    <message>
        <source>De&amp;liver them in Tripletex (ready for approval)</source>
        <translation>&amp;Lever dem i Tripletex (klare til godkjenning)</translation>
    </message>
    <message>
        <source>Deliver sent travel reports in Tripletex</source>
        <translation>Lever sendte reiseregninger i Tripletex</translation>
    </message>
    <message>
        <source>&amp;Approve them too, where the company&apos;s travel settings allow it</source>
        <translation>&amp;Godkjenn dem også der selskapets reiseinnstillinger tillater det</translation>
    </message>
    <message>
        <source>Approve sent travel reports in Tripletex</source>
        <translation>Godkjenn sendte reiseregninger i Tripletex</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>Employees</source>
        <translation>Ansatte</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Avdelinger</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Prosjekter</translation>
    </message>
    <message>
        <source>Cost categories</source>
        <translation>Kostnadskategorier</translation>
    </message>
    <message>
        <source>Payment types</source>
        <translation>Betalingstyper</translation>
    </message>
    <message>
        <source>Travel settings</source>
        <translation>Reiseregningsinnstillinger</translation>
    </message>
    <message>
        <source>Rate categories</source>
        <translation>Satskategorier</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Satser</translation>
    </message>
    <message>
        <source>Travel zones</source>
        <translation>Reisesoner</translation>
    </message>
    <message>
        <source>VAT settings</source>
        <translation>Mva-innstillinger</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n ny</numerusform>
            <numerusform>%n nye</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n endret</numerusform>
            <numerusform>%n endret</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inactive</source>
        <translation>
            <numerusform>%n inaktiv</numerusform>
            <numerusform>%n inaktive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n uendret</numerusform>
            <numerusform>%n uendret</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n company(ies)</source>
        <translation>
            <numerusform>%n selskap</numerusform>
            <numerusform>%n selskaper</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n endring</numerusform>
            <numerusform>%n endringer</numerusform>
        </translation>
    </message>
    <message>
        <source>Technical detail: %1</source>
        <translation>Teknisk detalj: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Startet: %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Ferdig: %1</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Resultat: %1</translation>
    </message>
    <message>
        <source>Token invalid – replace it</source>
        <translation>Brukernøkkelen virker ikke – bytt den</translation>
    </message>
    <message>
        <source>Token expired – replace it</source>
        <translation>Brukernøkkelen er utløpt – bytt den</translation>
    </message>
    <message>
        <source>Token expires %1</source>
        <translation>Brukernøkkelen utløper %1</translation>
    </message>
    <message>
        <source>Permission missing in Tripletex</source>
        <translation>Mangler tilgang i Tripletex</translation>
    </message>
    <message>
        <source>The office no longer reaches this client in Tripletex</source>
        <translation>Kontoret når ikke lenger denne klienten i Tripletex</translation>
    </message>
    <message>
        <source>Cost categories not mapped</source>
        <translation>Kostnadskategorier er ikke valgt</translation>
    </message>
    <message>
        <source>A chosen cost category or payment type is inactive or gone in Tripletex</source>
        <translation>En valgt kostnadskategori eller betalingsmåte er inaktiv eller borte i Tripletex</translation>
    </message>
    <message>
        <source>Tripletex refused travel reports – correct them and send again</source>
        <translation>Tripletex avviste reiseregninger – rett dem og send på nytt</translation>
    </message>
    <message>
        <source>Last sync failed</source>
        <translation>Siste synkronisering mislyktes</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Trenger oppmerksomhet: %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkroniserer …</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ikke synkronisert ennå</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Trenger oppmerksomhet</translation>
    </message>
    <message>
        <source>OK with warnings</source>
        <translation>OK med advarsler</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislyktes</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Avbrutt</translation>
    </message>
</context>
<context>
    <name>TokenGuide</name>
    <message>
        <source>I am an acco&amp;unting office and the token is for my clients</source>
        <extracomment>The tick an accounting office adds so one token reaches every client (Tripletex&apos;s own label).</extracomment>
        <translation>&amp;Jeg er et regnskapskontor, og nøkkelen er for klientene mine</translation>
    </message>
    <message>
        <source>The token is an accounting office&apos;s token for its clients</source>
        <translation>Nøkkelen er regnskapskontorets nøkkel for klientene</translation>
    </message>
    <message>
        <source>Copy the &amp;list of boxes</source>
        <translation>Kopier listen over avkr&amp;ysninger</translation>
    </message>
    <message>
        <source>Copy the list of boxes to tick</source>
        <translation>Kopier listen over det som skal krysses av</translation>
    </message>
    <message>
        <source>Copy the application &amp;name</source>
        <translation>Kopier &amp;applikasjonsnavnet</translation>
    </message>
    <message>
        <source>Copy the application name to pick in Tripletex</source>
        <translation>Kopier applikasjonsnavnet du skal velge i Tripletex</translation>
    </message>
    <message>
        <source>Tripletex&apos;s &amp;guide</source>
        <translation>Tripletex&apos; veile&amp;dning</translation>
    </message>
    <message>
        <source>Open Tripletex&apos;s own guide to employee tokens in the browser</source>
        <translation>Åpne Tripletex&apos; egen veiledning om brukernøkler i nettleseren</translation>
    </message>
    <message>
        <source>How to create the employee token</source>
        <translation>Slik lager du brukernøkkelen</translation>
    </message>
    <message>
        <source>Log in to Tripletex and open &lt;i&gt;Selskap → Ansatte&lt;/i&gt; (Company → Employees). Choose yourself, or the user the app should act as.</source>
        <translation>Logg inn i Tripletex og åpne &lt;i&gt;Selskap → Ansatte&lt;/i&gt;. Velg deg selv, eller brukeren appen skal handle som.</translation>
    </message>
    <message>
        <source>Open the tab &lt;i&gt;API-tilgang&lt;/i&gt; (API access) and click &lt;i&gt;Ny nøkkel&lt;/i&gt; (New token). No such tab? An administrator must first tick &lt;i&gt;API 2.0&lt;/i&gt; under &lt;i&gt;Selskap → Vår kundeside → Moduler og tilleggstjenester&lt;/i&gt; (Company → Our customer page → Modules and add-on services), and only user administrators see the tab.</source>
        <translation>Åpne fanen &lt;i&gt;API-tilgang&lt;/i&gt; og klikk &lt;i&gt;Ny nøkkel&lt;/i&gt;. Ser du ikke fanen? En administrator må først krysse av for &lt;i&gt;API 2.0&lt;/i&gt; under &lt;i&gt;Selskap → Vår kundeside → Moduler og tilleggstjenester&lt;/i&gt;, og bare brukeradministratorer ser fanen.</translation>
    </message>
    <message>
        <source>Choose &lt;i&gt;Tilpasset oppsett&lt;/i&gt; (Custom setup) and, as application, %1 exactly.</source>
        <translation>Velg &lt;i&gt;Tilpasset oppsett&lt;/i&gt; og, som applikasjon, %1 nøyaktig slik.</translation>
    </message>
    <message>
        <source>Choose &lt;i&gt;Bestem selv&lt;/i&gt; (Decide yourself) and tick the boxes below.</source>
        <translation>Velg &lt;i&gt;Bestem selv&lt;/i&gt; og kryss av for tilgangene under.</translation>
    </message>
    <message>
        <source>Tick &lt;i&gt;%1&lt;/i&gt; as well, so one token reaches every client.</source>
        <translation>Kryss også av for &lt;i&gt;%1&lt;/i&gt;, så når én nøkkel alle klientene.</translation>
    </message>
    <message>
        <source>Give the token a name you will recognise, e.g. “Tripletex Desktop on my laptop”, and create it. Copy it at once: Tripletex shows it only once. Then paste it into Tripletex Desktop.</source>
        <translation>Gi nøkkelen et navn du kjenner igjen, for eksempel «Tripletex Desktop på min PC», og opprett den. Kopier den med en gang: Tripletex viser den bare én gang. Lim den så inn i Tripletex Desktop.</translation>
    </message>
    <message>
        <source>The boxes to tick:</source>
        <translation>Dette skal krysses av:</translation>
    </message>
    <message>
        <source>(only if you sync projects)</source>
        <translation>(bare hvis du synkroniserer prosjekter)</translation>
    </message>
</context>
<context>
    <name>TokenGuideDialog</name>
    <message>
        <source>How to create the employee token</source>
        <translation>Slik lager du brukernøkkelen</translation>
    </message>
    <message>
        <source>Open &amp;Tripletex</source>
        <translation>Åpne &amp;Tripletex</translation>
    </message>
    <message>
        <source>Open Tripletex in the browser</source>
        <translation>Åpne Tripletex i nettleseren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
</context>
<context>
    <name>TokenPage</name>
    <message>
        <source>This token starts with “test-”, so it belongs to Tripletex&apos;s test environment, but Production is selected. Go back and choose Test, or use a production token.</source>
        <translation>Denne nøkkelen begynner med «test-» og hører derfor til Tripletex sitt testmiljø, men Produksjon er valgt. Gå tilbake og velg Test, eller bruk en produksjonsnøkkel.</translation>
    </message>
    <message>
        <source>Connecting to Tripletex…</source>
        <translation>Kobler til Tripletex …</translation>
    </message>
    <message numerus="yes">
        <source>Connected as %1 (%2). The token reaches %n client companies.</source>
        <translation>
            <numerusform>Koblet til som %1 (%2). Nøkkelen gir tilgang til %n klientselskap.</numerusform>
            <numerusform>Koblet til som %1 (%2). Nøkkelen gir tilgang til %n klientselskaper.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected as %1, %2.</source>
        <translation>Koblet til som %1, %2.</translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s date is %n day(s) off Tripletex&apos;s. The app used Tripletex&apos;s date, but please set the computer&apos;s date and time right (reports and sync times use it).</source>
        <translation>
            <numerusform>Datoen på denne maskinen avviker %n dag fra Tripletex sin. Appen brukte datoen til Tripletex, men still inn riktig dato og klokkeslett på maskinen (reiseregninger og synkroniseringstider bruker den).</numerusform>
            <numerusform>Datoen på denne maskinen avviker %n dager fra Tripletex sin. Appen brukte datoen til Tripletex, men still inn riktig dato og klokkeslett på maskinen (reiseregninger og synkroniseringstider bruker den).</numerusform>
        </translation>
    </message>
    <message>
        <source>Employee token</source>
        <translation>Brukernøkkel</translation>
    </message>
    <message>
        <source>Pick a demo user. Each one shows a different situation.</source>
        <translation>Velg en demobruker. Hver av dem viser en ulik situasjon.</translation>
    </message>
    <message>
        <source>No secure password store was found on this computer, so the token can only be kept for this run of the app (you paste it again next time). %1</source>
        <translation>Det finnes ikke noe sikkert passordlager på denne maskinen, så nøkkelen kan bare beholdes mens appen kjører (du limer den inn igjen neste gang). %1</translation>
    </message>
    <message>
        <source>This demo user shows this case on purpose. Choose another one above, such as demo-all.</source>
        <translation>Denne demobrukeren viser dette tilfellet med vilje. Velg en annen over, for eksempel demo-all.</translation>
    </message>
    <message>
        <source>&lt;p&gt;The demo runs a simulated Tripletex on this computer.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;demo-all&lt;/b&gt;: every permission granted&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-limited&lt;/b&gt;: some permissions missing&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-enk&lt;/b&gt;: a sole proprietorship with one employee&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-accountant&lt;/b&gt;: an accounting office with three clients&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-expired&lt;/b&gt;: an expired token&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-noproject&lt;/b&gt;: a company without the project module&lt;/li&gt;&lt;li&gt;&lt;b&gt;test-demo&lt;/b&gt;: a token from the wrong environment&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Demoen kjører en simulert Tripletex på denne maskinen.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;demo-all&lt;/b&gt;: alle tilganger er gitt&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-limited&lt;/b&gt;: noen tilganger mangler&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-enk&lt;/b&gt;: et enkeltpersonforetak med én ansatt&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-accountant&lt;/b&gt;: et regnskapskontor med tre klienter&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-expired&lt;/b&gt;: en utløpt nøkkel&lt;/li&gt;&lt;li&gt;&lt;b&gt;demo-noproject&lt;/b&gt;: et selskap uten prosjektmodulen&lt;/li&gt;&lt;li&gt;&lt;b&gt;test-demo&lt;/b&gt;: en nøkkel fra feil miljø&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Create the accounting office&apos;s token (Regnskapskontorets brukernøkkel) and paste it.</source>
        <translation>Lag regnskapskontorets nøkkel (Regnskapskontorets brukernøkkel) og lim den inn.</translation>
    </message>
    <message>
        <source>Create a token in Tripletex as shown below, and paste it here.</source>
        <translation>Lag en nøkkel i Tripletex som vist under, og lim den inn her.</translation>
    </message>
    <message>
        <source>&amp;Open API access in Tripletex</source>
        <translation>&amp;Åpne API-tilgang i Tripletex</translation>
    </message>
    <message>
        <source>Open Tripletex in the browser to create the token</source>
        <translation>Åpne Tripletex i nettleseren for å lage nøkkelen</translation>
    </message>
    <message>
        <source>There is a token on the clipboard (copied from Tripletex?).</source>
        <translation>Det ligger en nøkkel på utklippstavlen (kopiert fra Tripletex?).</translation>
    </message>
    <message>
        <source>Paste &amp;it and connect</source>
        <translation>Lim inn og koble t&amp;il</translation>
    </message>
    <message>
        <source>Paste the token from the clipboard and connect</source>
        <translation>Lim inn nøkkelen fra utklippstavlen og koble til</translation>
    </message>
    <message>
        <source>A&amp;pplication:</source>
        <translation>A&amp;pplikasjon:</translation>
    </message>
    <message>
        <source>Application name to pick in Tripletex</source>
        <translation>Applikasjonsnavnet du skal velge i Tripletex</translation>
    </message>
    <message>
        <source>Copy na&amp;me</source>
        <translation>Kopier navn&amp;et</translation>
    </message>
    <message>
        <source>Copy application name</source>
        <translation>Kopier applikasjonsnavnet</translation>
    </message>
    <message>
        <source>Employee &amp;token:</source>
        <translation>B&amp;rukernøkkel:</translation>
    </message>
    <message>
        <source>Keeping the stored token; paste a new one to replace it</source>
        <translation>Den lagrede nøkkelen beholdes. Lim inn en ny for å erstatte den</translation>
    </message>
    <message>
        <source>Paste the token from Tripletex</source>
        <translation>Lim inn nøkkelen fra Tripletex</translation>
    </message>
    <message>
        <source>Demo user</source>
        <translation>Demobruker</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>Show token</source>
        <translation>Vis nøkkelen</translation>
    </message>
    <message>
        <source>P&amp;aste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Paste token</source>
        <translation>Lim inn nøkkelen</translation>
    </message>
    <message>
        <source>&amp;Keep the current token</source>
        <translation>Be&amp;hold den nåværende nøkkelen</translation>
    </message>
    <message>
        <source>Keep the current token</source>
        <translation>Behold den nåværende nøkkelen</translation>
    </message>
    <message>
        <source>The token &amp;expires on</source>
        <translation>Nøkkelen &amp;utløper</translation>
    </message>
    <message>
        <source>The token expires</source>
        <translation>Nøkkelen utløper</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Utløpsdato</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Koble til</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Koble til</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Tripletex Desktop</source>
        <translation>Velkommen til Tripletex Desktop</translation>
    </message>
    <message>
        <source>Connect your Tripletex account in a few steps.</source>
        <translation>Koble til Tripletex-kontoen din i noen få steg.</translation>
    </message>
    <message>
        <source>Tripletex Desktop fetches employees, projects and departments from Tripletex and sends travel expense reports back, with mileage and per diem on the right cost categories.</source>
        <translation>Tripletex Desktop henter ansatte, prosjekter og avdelinger fra Tripletex og sender reiseregninger tilbake, med kjøregodtgjørelse og diett på riktige kostnadskategorier.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;You need:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;a Tripletex user with administrator rights, and&lt;/li&gt;&lt;li&gt;the API module switched on. If your profile in Tripletex has no &lt;i&gt;API-tilgang&lt;/i&gt; (API access) tab: open &lt;i&gt;Selskap → Vår kundeside → Moduler og tilleggstjenester&lt;/i&gt; (Company → Our customer page → Modules and add-on services) and tick &lt;i&gt;API 2.0&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Try it first without an account: choose &lt;b&gt;Demo&lt;/b&gt; on the next page.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Du trenger:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;en bruker i Tripletex med administratorrettigheter, og&lt;/li&gt;&lt;li&gt;at API-modulen er slått på. Mangler profilen din i Tripletex fanen &lt;i&gt;API-tilgang&lt;/i&gt;: åpne &lt;i&gt;Selskap → Vår kundeside → Moduler og tilleggstjenester&lt;/i&gt; og kryss av for &lt;i&gt;API 2.0&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Vil du prøve uten konto først? Velg &lt;b&gt;Demo&lt;/b&gt; på neste side.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
</context>
</TS>
