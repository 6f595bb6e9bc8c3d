"""Django's makemessages without fuzzy matching: msgmerge would otherwise fill a new entry with
the translation of a similar old one and mark it fuzzy, a guess nobody wrote (hundreds of them
in a partial edition such as Arabic, where staff entries are left untranslated on purpose).
A new entry starts empty instead, and the catalog tests can say "no fuzzy entry anywhere"."""

from django.core.management.commands.makemessages import Command as MakeMessages


class Command(MakeMessages):
    msgmerge_options = [*MakeMessages.msgmerge_options, "--no-fuzzy-matching"]
