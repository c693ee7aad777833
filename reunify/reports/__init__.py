"""Reports: the framework's documents as Markdown, rendered from Jinja2 templates over the CLI's results."""

# name -> what it is (seed 003 names the documents; 002 the tools).
REPORTS: dict[str, str] = {
    "return-home-assessment": "Return Home Assessment summary (003)",
    "young-person": "Young person's report, in plain words (003)",
    "risk-classification": "Risk classification: the grid, the reasons and movement advice (002)",
    "chronology": "Analytical chronology (002)",
    "genogram": "Genogram as a Mermaid diagram, plus genogram.dot (002)",
    "parental-agreement": "Parental agreement with SMART goals (002)",
    "contingency-plan": "Staged contingency plan (000, 001)",
    "reunification-plan": "Reunification plan: support, contact, transition (002, 003)",
    "placed-with-parents": "Placed with Parents front sheet (003)",
    "checklist": "Workflow checklist for supervision (002, 003)",
    "cpag-pack": "Documents for CPAG in one file (003)",
    "monitoring-form": "Reunification Monitoring Form: outcome of the activity (003)",
}
