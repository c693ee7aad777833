# A recorded decision, then a later commit whose hand-written trailers record it again with another outcome.
set -e
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
rationale=$(git log -1 --format='%(trailers:key=Reunify-Rationale,valueonly)')
sed -i 's/outcome: proceed/outcome: do-not-proceed/' case/case.yaml
git commit -q -a -m "Tidy" --trailer "Reunify-Case: RU-E1" --trailer "Reunify-Decision: 1" --trailer "Reunify-Date: 2026-01-05" --trailer "Reunify-Outcome: do-not-proceed" --trailer "Reunify-Role: team-manager" --trailer "Decided-By: Jo Rivers" --trailer "Reunify-Rationale: $rationale"
