#!/usr/bin/env python3
"""check_pre_commit_hooks.py HOOKS.yaml ACMTIDY.cpp [GUIDE.md]:
.pre-commit-hooks.yaml is what pre-commit reads: a list of hooks, each with
the keys pre-commit requires; a script hook's entry is an executable file
of the repository; and the files pattern selects exactly the extensions
that acm-tidy --diff checks (isCxxFile in tool/acm-tidy/AcmTidy.cpp). The
local hooks of the guide's YAML examples filter files and pass file names
as the repository's hook does."""
import os
import re
import sys

import yaml

LANGUAGES = {"conda", "coursier", "dart", "docker", "docker_image",
             "dotnet", "fail", "golang", "haskell", "lua", "node", "perl",
             "pygrep", "python", "r", "ruby", "rust", "script", "swift",
             "system"}


def fail(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    hooks_file, source = sys.argv[1:3]
    guide = sys.argv[3] if len(sys.argv) > 3 else None
    root = os.path.dirname(os.path.abspath(hooks_file))
    with open(hooks_file) as f:
        hooks = yaml.safe_load(f)
    if not isinstance(hooks, list) or not hooks:
        fail("%s: not a list of hooks" % hooks_file)

    with open(source) as f:
        text = f.read()
    body = re.search(r"bool isCxxFile\(.*?\{(.*?)\n\}", text, re.S)
    if not body:
        fail("%s: no isCxxFile" % source)
    extensions = re.findall(r'"\.([^"]+)"', body.group(1))

    for hook in hooks:
        for key in ("id", "name", "entry", "language"):
            if not isinstance(hook.get(key), str) or not hook[key]:
                fail("hook %r: no '%s'" % (hook.get("id"), key))
        if hook["language"] not in LANGUAGES:
            fail("hook %s: unknown language %s" % (hook["id"],
                                                   hook["language"]))
        line = "%s: language %s, entry %s" % (hook["id"], hook["language"],
                                               hook["entry"])
        if hook["language"] == "script":
            entry = os.path.join(root, hook["entry"].split()[0])
            if not os.access(entry, os.X_OK):
                fail("hook %s: %s is not an executable file" %
                     (hook["id"], entry))
            line += " (executable)"
        print(line)

        pattern = re.compile(hook.get("files", ""))
        missed = [e for e in extensions if not pattern.search("src/a." + e)]
        if missed:
            fail("hook %s: files misses %s" % (hook["id"], missed))
        for other in ("README.md", "CMakeLists.txt", "src/a.py",
                      "src/a.cpp.orig"):
            if pattern.search(other):
                fail("hook %s: files matches %s" % (hook["id"], other))
        print("files: matches the %d extensions acm-tidy --diff checks, "
              "not README.md" % len(extensions))

    if guide:
        with open(guide) as f:
            blocks = re.findall(r"^```yaml\n(.*?)^```", f.read(), re.M | re.S)
        local = [hook for block in blocks
                 for repo in (yaml.safe_load(block) or {}).get("repos", [])
                 if repo.get("repo") == "local" for hook in repo["hooks"]]
        for hook in local:
            for key in ("files", "pass_filenames", "require_serial"):
                if hook.get(key) != hooks[0].get(key):
                    fail("%s: local hook %s: %s is %r, not %r" %
                         (guide, hook["id"], key, hook.get(key),
                          hooks[0].get(key)))
        print("%s: local hooks like the repository's: %d" %
              (os.path.basename(guide), len(local)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
