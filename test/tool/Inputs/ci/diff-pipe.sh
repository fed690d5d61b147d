# The diff step written as one pipeline. GitHub runs a step's script with
# `bash -e` (no pipefail) unless the step says `shell: bash`: the status of
# a pipeline is its last command's, so a git diff that fails feeds
# acm-tidy an empty diff and the step passes.
git diff -U0 "origin/$GITHUB_BASE_REF"...HEAD -- | "$ACM_TIDY" -p build --diff --source-root=.
