"""Every test checks something: a test that only runs code passes whatever the code does.

A test asserts when its body, or a helper of the same module that it calls, has an `assert`,
a `pytest.raises`/`pytest.warns`, a Playwright `expect(...)`, or a query-count guard
(`django_assert_num_queries`, `django_assert_max_num_queries`)."""

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return getattr(func, "id", "")


def _checks_directly(node: ast.AST) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Assert):
            return True
        if isinstance(child, ast.Call):
            name = _called_name(child)
            if name in ("raises", "warns", "expect") or name.startswith("django_assert"):
                return True
    return False


def unchecked_tests(source: str) -> list[str]:
    """The names of the test functions in `source` that check nothing."""
    functions = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    checking = {f.name for f in functions if not f.name.startswith("test") and _checks_directly(f)}
    changed = True
    while changed:  # helpers that call checking helpers check too
        changed = False
        for function in functions:
            if function.name.startswith("test") or function.name in checking:
                continue
            calls = {_called_name(c) for c in ast.walk(function) if isinstance(c, ast.Call)}
            if calls & checking:
                checking.add(function.name)
                changed = True
    missing = []
    for function in functions:
        if not function.name.startswith("test_"):
            continue
        calls = {_called_name(c) for c in ast.walk(function) if isinstance(c, ast.Call)}
        if not (_checks_directly(function) or calls & checking):
            missing.append(function.name)
    return missing


def test_the_check_finds_a_test_that_only_runs_code():
    source = (
        "def helper(x):\n    assert x\n\n"
        "def test_runs():\n    make_loan()\n\n"
        "def test_asserts():\n    assert make_loan()\n\n"
        "def test_through_a_helper():\n    helper(make_loan())\n\n"
        "def test_refused():\n    with pytest.raises(ValueError):\n        make_loan()\n"
    )
    assert unchecked_tests(source) == ["test_runs"]


def test_every_test_in_the_suite_checks_something():
    missing = [
        f"{path.relative_to(TESTS)}::{name}"
        for path in sorted(TESTS.rglob("test_*.py"))
        for name in unchecked_tests(path.read_text(encoding="utf-8"))
    ]
    assert missing == []
