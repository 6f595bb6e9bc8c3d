"""How a staff member is named on pages, in emails and in exports."""


def display_name(user) -> str:
    """The user's chosen display name, else their full name, else their username; "" for
    nobody (a system action, a deleted user)."""
    if user is None:
        return ""
    return user.get_display_name()
