"""Reports: the framework's documents as Markdown, rendered from Jinja2 templates over the CLI's results."""

# name -> what it is (Detailed Reunification Workflow names the documents; Reunification Practice Framework the tools).
REPORTS: dict[str, str] = {
    "return-home-assessment": "Return Home Assessment summary (Detailed Reunification Workflow)",
    "young-person": "Young person's report, in plain words (Detailed Reunification Workflow)",
    "risk-classification": "Risk classification: the grid, the reasons and movement advice (Reunification Practice Framework)",
    "chronology": "Analytical chronology (Reunification Practice Framework)",
    "genogram": "Genogram as a Mermaid diagram, plus genogram.dot (Reunification Practice Framework)",
    "parental-agreement": "Parental agreement with SMART goals (Reunification Practice Framework)",
    "contingency-plan": "Staged contingency plan (Best Practice Guide, Multi-agency audit)",
    "reunification-plan": "Reunification plan: support, contact, transition "
                          "(Reunification Practice Framework, Detailed Reunification Workflow)",
    "placed-with-parents": "Placed with Parents front sheet (Detailed Reunification Workflow)",
    "checklist": "Workflow checklist for supervision (Reunification Practice Framework, Detailed Reunification Workflow)",
    "cpag-pack": "Documents for CPAG in one file (Detailed Reunification Workflow)",
    "monitoring-form": "Reunification Monitoring Form: outcome of the activity (Detailed Reunification Workflow)",
}
