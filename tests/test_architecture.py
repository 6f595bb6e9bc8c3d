"""The house: which package may import which, and how long a module may grow.

    hiring ──> candidates, interviews, passionhire
    interviews ──> candidates (models, services, selectors), passionhire
    candidates ──> passionhire
    passionhire ──> (no app)

Every `import` counts, at module level or inside a function, and so does a model reached by
name (`apps.get_model("interviews", ...)`), because that is an import by another spelling.
The root URLconf includes apps by string (`include("hiring.urls")`), which is how the ground
floor names the rooms without depending on them.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("passionhire", "candidates", "interviews", "hiring")
ALLOWED = {
    "passionhire": set(),
    "candidates": {"passionhire"},
    "interviews": {"passionhire", "candidates"},
    "hiring": {"passionhire", "candidates", "interviews"},
}
# interviews may use what candidates offers other apps, never its pages.
FORBIDDEN_PARTS = {("interviews", "candidates"): ("views", "urls", "forms", "demo")}
MAX_LINES = 400


def _modules(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


def _arrows(path: Path) -> list[tuple[str, int]]:
    """(dotted module, line) for every import and every get_model(app_label, ...) in a file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value.split(".")[0], node.lineno))
    return found


def violations(package: str) -> list[str]:
    bad = []
    for path in _modules(package):
        for module, line in _arrows(path):
            target = module.split(".")[0]
            where = f"{path.relative_to(ROOT)}:{line} imports {module}"
            if target in APPS and target != package and target not in ALLOWED[package]:
                bad.append(where)
            parts = FORBIDDEN_PARTS.get((package, target), ())
            if target != package and module.split(".")[1:2] and module.split(".")[1] in parts:
                bad.append(where)
    return sorted(set(bad))


@pytest.mark.parametrize("package", APPS)
def test_imports_point_one_way(package):
    assert violations(package) == []


def test_the_checker_sees_imports_inside_functions_and_models_by_name(tmp_path):
    source = tmp_path / "probe.py"
    source.write_text(
        "def f():\n    from interviews.models import Scorecard\n"
        "apps.get_model('interviews', 'Interview')\n"
    )
    assert [m for m, _ in _arrows(source)] == [
        "interviews.models",
        "interviews.models.Scorecard",
        "interviews",
    ]


def _long_without_reason(package: str) -> list[str]:
    long = []
    for path in _modules(package):
        text = path.read_text()
        if text.count("\n") <= MAX_LINES:
            continue
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if "Long because" not in docstring:
            long.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    return long


@pytest.mark.parametrize("package", APPS)
def test_no_module_grows_past_400_lines_without_saying_why(package):
    assert _long_without_reason(package) == []


RETYPED = re.compile(r'(?:[<>]=?|==)\s*-?\d+\.\d+|<input[^>]*\b(?:min|max)="\d+"')


def test_no_template_re_types_a_threshold_or_a_widget_limit():
    """Thresholds and limits live once in Python (passionhire/vocabulary.py, the forms) and
    reach templates as values or filters; a template that compares with 0.4 or writes
    max="10" drifts the day the number changes."""
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for match in RETYPED.finditer(path.read_text())
    ]
    assert found == []
