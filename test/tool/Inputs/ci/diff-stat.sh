# A listing of the changed files instead of the diff.
git diff --stat "origin/$GITHUB_BASE_REF"...HEAD -- | "$ACM_TIDY" -p build --diff --source-root=.
