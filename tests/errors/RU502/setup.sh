# A case repository whose decisions were recorded with `reunify decide` ($REUNIFY runs it).
set -e
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
# Then someone edits the recorded decision.
sed -i 's/by: Jo Rivers/by: Sam Patel/' case/case.yaml
