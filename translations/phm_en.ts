<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>main</name>
    <message>
        <source>Population health management workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project file to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::core</name>
    <message>
        <source>Preparing geography</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating people and activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading geography</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading column blocks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::report::MapImage</name>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::report::MaturityPainter</name>
    <message>
        <source>not assessed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No assessment yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean current level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::report::PackWriter</name>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pack laid out %1 pages, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the packs of %1 and %2 would both be %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no area `%1` at this level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the PDFs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::report::pack::Charts</name>
    <message>
        <source>Men</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Women</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 %3 (95% CI %4 to %5) among the most deprived than the least deprived, by the slope index of inequality across IMD quintiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>higher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, ICS-wide quintiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suppressed or no value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::report::pack::Sections</name>
    <message>
        <source>%1 has not been assessed against the %2 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: assessed on %2 by %3 (assessments kept: %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PHM cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 PCNs here completed a full cycle (review the data, choose an opportunity, design, implement, evaluate) between %3 and %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohorts used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the data says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments, risk and frailty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key indicators against the place and the ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with peer areas: funnel plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inequalities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbourhoods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHM maturity and the PHM cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data quality and definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered population: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data period: %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produced %1 with PHM Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disclosure control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Suppressed values are shown as *.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official sensitive: for the use of the primary care network and the ICS. The demonstration data are synthetic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  ·  page %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No indicator is significantly worse than the ICS at 95%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significantly worse than the ICS (95%), largest gap first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered people by age and sex (%1 in all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ethnic group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deprivation (IMD decile, 1 = most deprived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population segments (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency admissions, 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost per head, 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency admission risk, next 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected admissions: %1 (model AUROC %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frailty (eFI), people aged 65+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range of areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each dot is a peer area; this area in orange. Lines: the average, 95% (dashed) and 99.8% (dotted) control limits. Values from a suppressed count are left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by national IMD quintile (1 = most deprived), with 95% intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Slope index %1 (95% CI %2 to %3) from 10,000 seeded simulations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No slope index: a quintile&apos;s value is suppressed or missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No neighbourhood has a quarter or more of its residents registered here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LSOAs where at least a quarter of residents are registered with %1 (%2 neighbourhoods).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows imported from the extract (whole ICS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator definitions (continued)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per %2. Numerator: %3. Denominator: %4. %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::report::pack::Writer</name>
    <message>
        <source>%1 · data %2 to %3 · source: linked pseudonymised extract (synthetic demo data) · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui</name>
    <message>
        <source>%1

Details: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: this is not a PHM Workbench project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the project is locked by another program (an import, another workbench or an SQLite tool is writing to it); try again when it has finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project file could not be read or written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::AssessmentDialog</name>
    <message>
        <source>edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assess %1 against %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessed on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessed by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the target date &quot;%2&quot; is not a date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::AuditLogDialog</name>
    <message>
        <source>&amp;Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every export, re-identification and change of users in this project, oldest first. The log is append-only and each entry carries the hash of the one before it, so an entry that was changed, removed or moved breaks the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by user, action or detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry: %1
Previous: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries. Press Verify chain to check that none was changed, removed or moved.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Verifying the hash chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#d5281b&apos;&gt;&lt;b&gt;Chain broken.&lt;/b&gt;&lt;/span&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking your passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give your passphrase to open the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries 1 to %1 match the audit journal beside the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Not anchored:&lt;/b&gt; no audit journal beside the project, so only the chain inside the file was checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:#007f3b&apos;&gt;&lt;b&gt;Chain intact.&lt;/b&gt;&lt;/span&gt; %n entries, each following the one before it. %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>phm::ui::BackgroundJob</name>
    <message>
        <source>The task stopped on an unexpected error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task stopped on an unexpected error.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::BreakdownModel</name>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People in the cohort as a share of the area&apos;s registered population at the extract end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::BreakdownView</name>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care alliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbourhood (LSOA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break down by:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::CohortPanel</name>
    <message>
        <source>Save as cohort…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. age &gt;= 65 and has(gp, @diabetes) and count(ae, last 12 months) &gt;= 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attrition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people (%2% of %3) — %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attrition: people left after each clause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; as version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>panel edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a rule or build it in the panel to count people; see docs/rules.md for the language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text has an error (see below); the panel shows the last rule that was complete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::CompletenessModel</name>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::Core20Panel</name>
    <message>
        <source>%1 of %2 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 people; everyone else in the area: %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PLUS groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the ICS&apos;s PLUS groups: a name and a rule for each (stored in the project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PLUS groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an area to see Core20 and PLUS groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting Core20 and PLUS groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core20 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core20 share, % (ICS %1%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Core20PLUS5 — %1&lt;/b&gt;: shares at this level (%2 areas); below, the five clinical areas in %1 for Core20 and each PLUS group, coloured against everyone else in the area (95%); %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Not measurable with these indicators: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule (as in the cohort builder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to %1 groups, each a rule over the extract, e.g. &lt;code&gt;ethnicity = &apos;G&apos;&lt;/code&gt; or &lt;code&gt;homeless or offender&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::CycleDialog</name>
    <message>
        <source>PHM cycle of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The opportunity, e.g. Frailty: proactive MDT review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opportunity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next stage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved cohorts used:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete: every stage is recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cycle is complete; start a new one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::DataOverviewWidget</name>
    <message>
        <source>No project open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 persons and %2 practices imported; %3% of event rows linked to a person. Rejected rows, with line numbers and reasons, are in %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open rejects folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows, one CSV per dataset file, with line number, reason and the original record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::FrameworkDialog</name>
    <message>
        <source>Maturity framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest first, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New capability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>framework</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::GeographyModel</name>
    <message>
        <source>Integrated Care System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbourhoods (LSOAs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (IMD decile %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents of this neighbourhood registered with any practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::ImportReportModel</name>
    <message>
        <source>not supplied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::IndicatorEditor</name>
    <message>
        <source>who is counted, e.g. has(gp, @diabetes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for rates, DSRs and means: count(apc, emergency, last 12 months) or cost(all, last 12 months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>who could be counted, e.g. registered and age &gt;= 17</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proportion (Wilson interval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crude rate (Byars interval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directly standardised rate, ESP2013 (Dobson interval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean (Student&apos;s t interval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No judgement (higher / lower)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Higher is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numerator rule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events measure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denominator rule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiplier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polarity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save in project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this project&apos;s own definition with this id (a bundled indicator of the same id comes back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The definition is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting for the ICS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICS: %1 (95% CI %2 to %3) from %4 of %5; %6 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::InequalityPanel</name>
    <message>
        <source>IMD decile (1 = most deprived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMD quintile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ethnic group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rural or urban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an area to see inequalities within it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&lt;br&gt;&lt;small&gt;by %2 in %3, 95% intervals; dashed line: all of %3&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Slope index of inequality&lt;/b&gt; %1 (95% CI %2 to %3): the modelled gap from the most to the least deprived.&lt;br&gt;&lt;b&gt;Relative index&lt;/b&gt; %4 (%5 to %6). Limits from 10,000 simulations (seeded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SII and RII are for the deprivation groupings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; in &lt;b&gt;%2&lt;/b&gt; by %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::LeagueTable</name>
    <message>
        <source>Double-click an area to select it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>care alliances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCNs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>practices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only its %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the level below…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: the %2 of %3, ranked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: every area at this level, ranked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::MainWindow</name>
    <message>
        <source>PHM Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geography</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project open. Use File &gt; New demo ICS… to create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New demo ICS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About PHM Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — PHM Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected: %1 — %2 people registered at %3 (of %4 people in the extract)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with the extract&apos;s CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the project as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHM Workbench projects (*.phm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About PHM Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohort builder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk stratification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population pyramid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core20PLUS5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;PHM Workbench %1&lt;/h3&gt;&lt;p&gt;Population health management for an Integrated Care System: cohorts, segmentation, place and PCN comparison, inequalities and PCN packs.&lt;/p&gt;&lt;p&gt;All people in the demo are synthetic.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Reference data&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;&lt;b&gt;Boundaries&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inequalities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCN &amp;packs: design, preview, export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Governance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reveal identities…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · analyst (not listed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your login and your role in this project. Admins add users with phm users set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCN packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal identities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHM maturity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::MapPanel</name>
    <message>
        <source>Quintiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deciles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value in classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with the ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out to the whole ICS (or double-click the map)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click an LSOA to select it and see its profile; right-click for its people. Wheel to zoom, drag to pan, double-click for the whole ICS. Dark lines: local authorities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project to map its indicators over the ICS&apos;s LSOAs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing every indicator for every LSOA…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3: no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3: &lt;b&gt;%4&lt;/b&gt; (95% CI %5 to %6)&lt;br&gt;%7 of %8; %9 the ICS (%10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no value (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with the ICS (95%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; by LSOA of residence: %2 LSOAs with a value; ICS %3 %4; %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colours: Fingertips significance against the ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1 LSOAs of the project have no boundary in the ICS map and are not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the people behind this value in the cohort builder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suppressed or no value (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Map saved to %1 (%n LSOAs suppressed).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>phm::ui::MaturityCharts</name>
    <message>
        <source>Review the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an opportunity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design an intervention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the impact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::MaturityPanel</name>
    <message>
        <source>New assessment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHM cycle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit framework…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCNs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system (ICS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show each area&apos;s newest assessment on or before this day, to compare how they stood then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a PHM cycle for the selected PCN or record the stage it has reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3 assessed. Selected: &lt;b&gt;%4&lt;/b&gt; (%n assessments; click a row of the heatmap to choose another).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;PHM cycle, %1 to %2:&lt;/b&gt; %3 of %4 PCNs (%5%) completed a full cycle. Furthest stage this year: %6. No cycle yet: %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohorts used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a cycle to open the cohorts it used in the cohort builder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::NewDemoDialog</name>
    <message>
        <source>New demo ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates a synthetic, pseudonymised extract of the Bedfordshire, Luton and Milton Keynes ICS (real geography, synthetic people) and imports it into a new project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the demo ICS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::OverlapView</name>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick 2 to 4 saved cohorts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many people are in each combination of cohorts: each person is counted once, in the row of exactly the cohorts they belong to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 people, v%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people are in at least one of the %2 cohorts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People in exactly these cohorts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::PackDesigner</name>
    <message>
        <source>What the data says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population: pyramid, ethnicity, deprivation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments, risk tiers and frailty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key indicators (spine chart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funnel plots against peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inequalities by deprivation (SII)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbourhood map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data quality and definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export packs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCN packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates saved in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the pack templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo for the cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read or is larger than %2 KB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a PNG or JPEG image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved template &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previewing the pack of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Preview: %n pages, as they will be in the PDF.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Another task is still running; wait for it or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the PDF packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n packs written to %1 (%2). The export is recorded in the audit log.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export canceled; no packs were left behind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHM maturity and the PHM cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds packs of these areas. Replace them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::ProfilePanel</name>
    <message>
        <source>All areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funnel plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click an indicator to open the people behind this area&apos;s value in the cohort builder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an area in the navigator to see its profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the profile of every area at this level…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 indicators, compared with %3 and the ICS; %4 areas at this level; computed in %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>99.8% limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denominator (people)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (%3 to %4), %5 the ICS; click for the people behind it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add indicators…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load your own indicator definitions (a JSON file laid out like resources/indicators/indicators.json; see docs/indicators.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>League table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New indicator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Define an indicator with rules; it is checked as you type and kept in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected indicator (saved in the project under the same id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&lt;br&gt;&lt;small&gt;Funnel plots are drawn for proportions, rates and DSRs; see All areas for means&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population behind the rate (events / rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&lt;br&gt;&lt;small&gt;funnel plot: control limits around the average of all areas%2&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (exact Poisson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&lt;br&gt;&lt;small&gt;all areas at this level, coloured against the ICS, with 95% intervals; dashed line: ICS&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::ProfileTableModel</name>
    <message>
        <source>The area one level up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% confidence interval (Wilson, Byars or exact, Dobson, Student&apos;s t by indicator type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with the ICS: outside the area&apos;s 95% interval is significant (Fingertips method)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread over all areas at this level: whole bar lowest to highest, dark band 25th to 75th percentile, line the ICS, circle this area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range of areas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::ProjectController</name>
    <message>
        <source>Another task is still running; wait for it or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a demo ICS of %1 people</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::PyramidView</name>
    <message>
        <source>Open a project to see its population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Men</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Women</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 people registered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::RejectReasonModel</name>
    <message>
        <source>Wrong number of fields or broken quoting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text that is not UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A required value is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value that is not allowed or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a real date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An end date before its start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an England LSOA 2011 code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice not in practices.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person not in persons.csv (not linked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifier seen before in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact copy of an earlier row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code in the rejects file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected because</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::RevealDialog</name>
    <message>
        <source>&amp;Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal identities for direct care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the NHS number, name and date of birth of the members of a saved cohort who are registered at your practice. Every attempt is written to the audit log with your reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, practice %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved cohort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The direct-care reason, e.g. invite to the frailty multidisciplinary team review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NHS number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key stores (*.keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reveal identities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the saved cohorts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no saved cohorts. Save one in the cohort builder first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking the key store and checking the cohort…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#d5281b&apos;&gt;&lt;b&gt;Refused.&lt;/b&gt;&lt;/span&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 cohort members (version %3) are registered at %4 and shown; %5 registered elsewhere are withheld; %6 not in the key store. This was recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::RiskPanel</name>
    <message>
        <source>Retrain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of people with the highest scores in the high-risk tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of people in the rising-risk tier, below the high-risk tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High risk: top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rising risk: next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predictor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight (per SD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression coefficients on standardised predictors: the change in log-odds for one standard deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project to train the emergency admission model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The high and rising tiers must leave room for a low-risk tier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training the emergency admission model on the first year, testing on held-out people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Emergency admission in the next 12 months.&lt;/b&gt; On %1 held-out people: AUROC &lt;b&gt;%2&lt;/b&gt;; the high-risk tier finds %3% of next year&apos;s admitted people (sensitivity) and %4% of the people it flags are admitted (PPV), against %5% of everyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deciles of predicted risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perfect calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted risk (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration on held-out people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 people registered now; the model expects %3 of them to have an emergency admission in the next 12 months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::RulePanelWidget</name>
    <message>
        <source>Age between…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aged 65 and over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most deprived 20% (Core20)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ethnic group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosis recorded (code list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two or more long-term conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate or severe frailty (eFI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest HbA1c above…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;E attendances in 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency admission in 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost in 12 months above…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lives in a care home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a saved cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add exclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People must also match one of this group&apos;s criteria (AND)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove people who match any of this group&apos;s criteria (AND NOT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No criteria yet: everyone is in the cohort. Add a group, or type a rule above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AND NOT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Exclude&lt;/b&gt; people with any of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Include&lt;/b&gt; people with any of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make inclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make exclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a condition, e.g. has(gp, @copd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty criterion</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::SegmentTableModel</name>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>£%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the 12 months to the index date, for the people in the segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emerg. adm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::SegmentationPanel</name>
    <message>
        <source>Template:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmenting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use your own template: a JSON file of segments and rules, laid out like the bundled ones (resources/segmentation/*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::TaskProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running task; the open project is left as it was</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phm::ui::TrendView</name>
    <message>
        <source>Computing %1 at each quarter end…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No index date has a full window of data for this indicator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&lt;br&gt;&lt;small&gt;quarter ends %2 to %3; %4 ms&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
