"""No words a person reads are left as plain strings in Python: a form field's label and help
text, a flash message, a form error and a refusal (ValidationError) go through gettext, so a
reader in Spanish never meets English the catalog could not reach. Records (the timeline, the
audit trail, exports) are written in English on purpose and are not these calls."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("candidates", "hiring", "interviews", "passionhire")
FIELD_TEXTS = {"label", "help_text", "empty_label"}
MESSAGES = {"success", "error", "info", "warning", "debug"}


def is_text(node) -> bool:
    """A plain or f-string literal with letters in it: words nobody translated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(char.isalpha() for char in node.value)
    return isinstance(node, ast.JoinedStr)


def name_of(func) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def plain_texts(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = name_of(node.func)
        # A form field's words. A model field's help_text documents the column, and the API's
        # serializers document it for developers, in English like the rest of the schema.
        documents = name.startswith(("models.", "serializers.")) or name == "CountryField"
        if name.endswith(("Field", "Input", "Select")) and not documents:
            found += [
                (node.lineno, f"{name}({k.arg}=…)")
                for k in node.keywords
                if k.arg in FIELD_TEXTS and is_text(k.value)
            ]
        message = name.startswith("messages.") and name.split(".")[-1] in MESSAGES
        if message and len(node.args) > 1 and is_text(node.args[1]):
            found.append((node.lineno, name))
        if name.endswith("ValidationError") and node.args and is_text(node.args[0]):
            found.append((node.lineno, name))
        if name.endswith("add_error") and len(node.args) > 1 and is_text(node.args[1]):
            found.append((node.lineno, name))
    return found


def python_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def found_in_code(check) -> dict[str, list[tuple[int, str]]]:
    """What `check` (a function of a parsed module) finds in each of the apps' files."""
    return {
        str(path.relative_to(ROOT)): hits
        for path in python_files()
        if (hits := check(ast.parse(path.read_text())))
    }


def test_no_plain_words_reach_a_reader_from_python():
    assert found_in_code(plain_texts) == {}


def test_the_check_finds_each_kind_and_passes_translated_ones():
    source = """
name = forms.CharField(label="Name", help_text=_("Fine"))
messages.success(request, f"Saved {n}.")
messages.error(request, gettext("Fine"))
raise ValidationError("Bad.")
raise ValidationError(gettext("Fine"))
form.add_error("field", "Wrong.")
note = models.TextField(help_text="A column's documentation")
"""
    assert [name for _line, name in plain_texts(ast.parse(source))] == [
        "forms.CharField(label=…)",
        "messages.success",
        "ValidationError",
        "form.add_error",
    ]


EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def worded_at_import(tree: ast.AST) -> list[tuple[int, str]]:
    """Words translated when the module is imported, outside any function: they are worded
    once, in whatever language is active then, and every later reader gets that language.
    `gettext(...)` there, or a lazy string filled in with `%` (which words it on the spot)."""
    found = []

    def visit(node, in_function: bool):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            )
            call = isinstance(child, ast.Call) and name_of(child.func).split(".")[-1]
            if not inside and call in EAGER:
                found.append((child.lineno, name_of(child.func)))
            filled = isinstance(child, ast.BinOp) and isinstance(child.op, ast.Mod)
            if not inside and filled and "_lazy(" in ast.unparse(child.left):
                found.append((child.lineno, "lazy % …"))
            visit(child, inside)

    visit(tree, False)
    return found


def test_no_words_are_translated_when_a_module_is_imported():
    assert found_in_code(worded_at_import) == {}


def test_the_import_check_finds_words_fixed_at_import_and_passes_lazy_and_callables():
    source = """
TITLE = gettext("Now")
DAYS = [ngettext_lazy("%(n)d day", "%(n)d days", "n") % {"n": d} for d in (7, 30)]
LAZY = gettext_lazy("Fine")
CHOICES = lambda: [ngettext("%(n)d day", "%(n)d days", 7) % {"n": 7}]
def view(request):
    return gettext("Fine")
"""
    assert [name for _line, name in worded_at_import(ast.parse(source))] == [
        "gettext",
        "lazy % …",
    ]
