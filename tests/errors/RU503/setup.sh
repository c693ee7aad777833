# A case repository whose decisions were recorded with `reunify decide` ($REUNIFY runs it).
set -e
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
# Then someone deletes the recorded decision.
head -n 3 case/case.yaml > case/case.tmp && mv case/case.tmp case/case.yaml
