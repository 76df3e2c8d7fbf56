#!/usr/bin/env python3
"""Fails if a source file in core/, report/, ui/ or app/ is over 500 lines or a function is over 100.

A function is a brace block at namespace or class scope whose opening is not a namespace, class,
struct, union, enum, extern block or an initialiser (`= {`); its length counts the lines from the
one holding its opening brace to the one holding its closing brace. Lambdas and local classes count
towards the function they sit in. Comments, strings and character literals are skipped, so braces
inside them do not count. Usage: scripts/check-size.py [--list] [paths...]
"""
import os
import re
import sys

MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 100
FOLDERS = ("core", "report", "ui", "app")
SCOPE = re.compile(r"\b(namespace|class|struct|union|enum)\b[^;()]*$|\bextern\s*$")
CTOR_INIT = re.compile(r"\)\s*(noexcept\s*)?:[^:].*[\w>]$")
RAW_STRING = re.compile(r'R"([^(\s]*)\(')


def strip(text):
    """Text with comments, strings and char literals replaced by spaces (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and RAW_STRING.match(text, i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = RAW_STRING.match(text, i)
            end = text.find(")" + m.group(1) + '"', m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator 1'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "#" and (i == 0 or text[i - 1] == "\n"):  # preprocessor line
            j = i
            while True:
                k = text.find("\n", j)
                if k < 0:
                    k = n
                    break
                if text[k - 1] != "\\":
                    break
                j = k + 1
            out.append(re.sub(r"[^\n]", " ", text[i:k]))
            i = k
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """(name, first line, lines) of each function body in the file."""
    text = strip(open(path, encoding="utf-8").read())
    found, stack, head_start = [], [], 0  # stack: (kind, line, head)
    line = 1
    for i, c in enumerate(text):
        if c == "\n":
            line += 1
        elif c == ";":
            head_start = i + 1
        elif c == "}":
            kind, start, head = stack.pop() if stack else ("scope", line, "")
            if kind == "function":
                found.append((head, start, line - start + 1))
            if kind != "init":  # a member initialiser's braces belong to the constructor's head
                head_start = i + 1
        elif c == "{":
            head = " ".join(text[head_start:i].split())
            if stack and stack[-1][0] not in ("scope",):
                kind = "block"
            elif CTOR_INIT.search(head):
                kind = "init"
            elif SCOPE.search(head) or head.endswith("=") or "(" not in head:
                kind = "scope"
            else:
                kind = "function"
            stack.append((kind, line, head))
            if kind != "init":
                head_start = i + 1
    return found


def sources(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for dirpath, _, names in os.walk(p):
            for name in sorted(names):
                if name.endswith((".h", ".cpp")):
                    yield os.path.join(dirpath, name)


def main(argv):
    listing = "--list" in argv
    paths = [a for a in argv if a != "--list"] or [f for f in FOLDERS if os.path.isdir(f)]
    failures = 0
    for path in sources(paths):
        lines = open(path, encoding="utf-8").read().count("\n")
        if lines > MAX_FILE_LINES:
            print(f"{path}: {lines} lines (limit {MAX_FILE_LINES}): split it by what its parts do")
            failures += 1
        for head, start, length in functions(path):
            if length > MAX_FUNCTION_LINES or (listing and length > MAX_FUNCTION_LINES * 0.7):
                name = re.sub(r"\s+", " ", head)[-90:]
                print(f"{path}:{start}: function of {length} lines (limit {MAX_FUNCTION_LINES}): {name}")
                failures += length > MAX_FUNCTION_LINES
    if failures:
        print(f"{failures} file(s) or function(s) over the limits")
    return 1 if failures else 0


if __name__ == "__main__":
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    sys.exit(main(sys.argv[1:]))
