# Decisions recorded with `reunify decide` ($REUNIFY runs it) in a full repository, then a shallow clone of it,
# as CI makes by default (`git clone --depth 1`).
set -e
mkdir full
mv case full/
cd full
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Review" --date 2026-02-05 >/dev/null
cd ..
git clone -q --depth 1 "file://$PWD/full" shallow
