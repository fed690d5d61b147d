# The same pipeline with git's errors sent into the pipe as well.
git diff -U0 "origin/$GITHUB_BASE_REF"...HEAD -- 2>&1 | "$ACM_TIDY" -p build --diff --source-root=.
