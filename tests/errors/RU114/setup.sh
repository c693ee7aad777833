# A folder of the caseload that cannot be read. Permissions do not stop root, so the folder is made
# unreachable another way: nested so deep its path is longer than the system allows (PATH_MAX, 4096).
set -e
cd caseload
name=$(printf 'f%.0s' $(seq 1 250))
for level in $(seq 1 17); do mkdir "$name"; cd "$name"; done
