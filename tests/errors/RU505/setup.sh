# Decision 1 recorded with `reunify decide`; then a commit that only adds a comment carries the same trailers.
set -e
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
message=$(git log -1 --format=%B)
echo "# reviewed" >> case/case.yaml
git commit -q -a -m "$message"
