# A case repository whose decision was recorded with `reunify decide` ($REUNIFY runs it).
set -e
git init -q .
git add case
git commit -q -m "Open the case"
$REUNIFY decide case --decision 1 --by "Jo Rivers" --role team-manager --outcome proceed --rationale "Explore a return home" --date 2026-01-05 >/dev/null
# Then someone commits the case as it was before the decision, under a file git is told not to look at:
# `git status` is clean, the file on disk still holds the decision, the commit does not.
git update-index --cacheinfo "100644,$(git rev-parse HEAD~1:case/case.yaml),case/case.yaml"
git update-index --skip-worktree case/case.yaml
git commit -q -m "Tidy"
