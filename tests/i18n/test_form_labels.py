"""Every form field a person fills in has a label in the reader's language.

A field left without a label is named by Django from its attribute name ("reason" becomes
"Reason"), and a model form's field takes its model field's name: English in every language,
and out of reach of the catalog. So every form field states its label through gettext: in the
code (read as source, which also sees fields added in `__init__`) and on every form class as
loaded (which also sees a model form's fields)."""

import ast
import importlib
import inspect
import pkgutil

from django import forms
from django.utils import translation
from django.utils.functional import Promise

from tests.i18n.test_unmarked_python import found_in_code, name_of

ROOT_APPS = ("candidates", "hiring", "interviews", "passionhire")


def hidden(call: ast.Call) -> bool:
    return any(k.arg == "widget" and "HiddenInput" in ast.unparse(k.value) for k in call.keywords)


def fields_without_a_label(tree: ast.AST) -> list[tuple[int, str]]:
    """Form fields made with no `label=`: Django would name them from the attribute."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = name_of(node.func)
        field = name.startswith("forms.") and name.endswith("Field") and not hidden(node)
        if field and not any(k.arg in ("label", None) for k in node.keywords):  # None: **kw
            found.append((node.lineno, name))
    return found


def form_classes():
    for app in ROOT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            last = info.name.rsplit(".", 1)[-1]
            if "migrations" in info.name or last == "urls" or last.endswith("_urls"):
                continue  # URL modules need the project's converters, and hold no forms
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_form_field_in_the_code_is_given_a_label():
    assert found_in_code(fields_without_a_label) == {}


def test_every_field_of_every_form_has_a_translated_label():
    classes = list(form_classes())
    assert len(classes) > 30, "the forms were not found"
    untranslated = [
        f"{cls.__module__}.{cls.__name__}.{name}: {field.label!r}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if not isinstance(field.widget, forms.HiddenInput)
        and not isinstance(field.label, Promise)
        and field.label != ""  # deliberately none: the page names the field itself
    ]
    assert untranslated == []


def choice_words(field, language: str) -> list[str]:
    with translation.override(language):
        return [
            str(label)
            for value, label in field.choices
            if value not in ("", None) and not isinstance(label, (list, tuple))
        ]


def test_every_forms_choices_read_in_the_readers_language():
    """A choice list that reads the same in English and Spanish was never translated (the
    bank's trait boxes were English in Spanish: `Trait.label` is English on purpose)."""
    same = [
        f"{cls.__name__}.{name}: {english[:3]}"
        for cls in form_classes()
        for name, field in cls.base_fields.items()
        if getattr(field, "choices", None) is not None
        and not isinstance(field, forms.ModelChoiceField)  # rows: the organisation's words
        and not isinstance(field.widget, forms.HiddenInput)
        and (english := choice_words(field, "en"))
        and any(char.isalpha() for label in english for char in label)
        and english == choice_words(field, "es")
    ]
    assert same == []


def test_the_check_finds_a_field_django_would_name():
    source = """
reason = forms.CharField(max_length=10)
name = forms.CharField(label=_("Name"))
seen = forms.CharField(widget=forms.HiddenInput)
self.fields["x"] = forms.IntegerField(min_value=0)
"""
    assert fields_without_a_label(ast.parse(source)) == [
        (2, "forms.CharField"),
        (5, "forms.IntegerField"),
    ]


def test_the_role_forms_weights_and_the_move_forms_reason_read_in_spanish():
    """Both were English in Spanish: the weights took the model's English trait names, and the
    reason was named by Django from the field."""
    from candidates.forms import RoleForm
    from hiring.forms import MoveForm

    with translation.override("es"):
        weights = [str(RoleForm()[f"weight_{t}"].label) for t in ("empathy", "courage")]
        reason = str(MoveForm(targets=[])["reason"].label)
    assert weights == ["Empatía", "Valentía"]
    assert reason == "Motivo"
