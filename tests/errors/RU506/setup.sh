# A decision recorded without --sign, checked with --verify --signed.
set -e
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
