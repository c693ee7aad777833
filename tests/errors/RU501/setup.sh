# A case repository whose decisions were recorded with `reunify decide` ($REUNIFY runs it).
set -e
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
# Then someone adds a decision by hand.
printf '  - decision: "2"\n    date: 2026-02-01\n    by: Alex Moore\n' >> case/case.yaml
