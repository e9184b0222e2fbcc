"""Every button answers a value.

XML-RPC cannot marshal None: a button (an `action_*` method, or any method a
view calls with `type="object"`) that falls off its end or says `return`
answers "cannot marshal None" to an XML-RPC client although the change was
saved. The methods are read from the source, so a new one is checked too.
"""

import ast
from pathlib import Path

from lxml import etree

from odoo.tests import BaseCase, tagged

ADDON = Path(__file__).resolve().parent.parent


def _terminates(statements):
    """Whether running `statements` always ends in a return or a raise."""
    if not statements:
        return False
    last = statements[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.If):
        return _terminates(last.body) and _terminates(last.orelse)
    if isinstance(last, ast.With):
        return _terminates(last.body)
    if isinstance(last, ast.Try):
        return (
            _terminates(last.finalbody)
            or (_terminates(last.body) or _terminates(last.orelse))
            and all(_terminates(handler.body) for handler in last.handlers)
        )
    return False


def _returns_none(function):
    """The `return` statements of `function` (not of nested functions) that
    answer None."""
    found = []

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.Return) and (
                child.value is None
                or isinstance(child.value, ast.Constant)
                and child.value.value is None
            ):
                found.append(child.lineno)
            visit(child)

    visit(function)
    return found


def _view_buttons():
    """The names of the methods that the addon's views call as buttons."""
    names = set()
    for path in ADDON.glob("**/*.xml"):
        if ".local" in path.parts or ".venv" in path.parts:
            continue
        tree = etree.parse(str(path))
        for button in tree.iter("button"):
            if button.get("type") == "object" and button.get("name"):
                names.add(button.get("name"))
    return names


@tagged("post_install", "-at_install")
class TestButtonsAnswer(BaseCase):
    def test_every_button_returns_a_value(self):
        buttons = _view_buttons()
        checked, problems = set(), []
        for path in sorted((ADDON / "models").glob("*.py")) + sorted(
            (ADDON / "wizard").glob("*.py")
        ):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef):
                    continue
                for function in node.body:
                    if not isinstance(function, ast.FunctionDef):
                        continue
                    name = function.name
                    if not (name.startswith("action_") or name in buttons):
                        continue
                    checked.add(name)
                    where = f"{path.name}:{function.lineno} {node.name}.{name}"
                    if not _terminates(function.body):
                        problems.append(f"{where} can end without a return")
                    for line in _returns_none(function):
                        problems.append(f"{where} returns None at line {line}")
        self.assertFalse(problems, "\n".join(problems))
        # The check looked at the addon's buttons, not at nothing.
        self.assertGreater(len(checked), 30)
        self.assertIn("action_publish", checked)

    def test_the_check_sees_a_button_without_return(self):
        source = (
            "def action_a(self):\n    self.write({})\n"
            "def action_b(self):\n    if self:\n        return True\n"
            "def action_c(self):\n    return\n"
            "def action_d(self):\n    if self:\n        return True\n"
            "    raise ValueError\n"
        )
        functions = {f.name: f for f in ast.parse(source).body}
        self.assertFalse(_terminates(functions["action_a"].body))
        self.assertFalse(_terminates(functions["action_b"].body))
        self.assertEqual(_returns_none(functions["action_c"]), [7])
        self.assertTrue(_terminates(functions["action_d"].body))
        self.assertEqual(_returns_none(functions["action_d"]), [])
