#!/usr/bin/env python3
"""make_db.py PROJECT [FILE...]: writes PROJECT/build/compile_commands.json
with a C++20 command, run from PROJECT/build, for each FILE (default: every
src/*.cpp), and copies the tests' acm-task.h into PROJECT/include."""
import glob
import json
import os
import shutil
import sys

project = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
shutil.copy(os.path.join(here, "..", "..", "checkers", "Inputs", "acm-task.h"),
            os.path.join(project, "include"))
files = sys.argv[2:] or sorted(
    os.path.relpath(f, project)
    for f in glob.glob(os.path.join(project, "src", "*.cpp")))
build = os.path.join(project, "build")
os.makedirs(build, exist_ok=True)
commands = [{"directory": build, "file": "../" + f,
             "command": "clang++ -std=c++20 -I../include -c ../" + f}
            for f in files]
with open(os.path.join(build, "compile_commands.json"), "w") as out:
    json.dump(commands, out, indent=1)
