"""Error pages in the app shell, with the reason when the code gave one."""

from django.shortcuts import render


def _reason(exception) -> str:
    # Only a plain message written for people; the URL resolver's 404 carries
    # a dict of tried patterns that must not be shown.
    if exception is not None and len(exception.args) == 1 and isinstance(exception.args[0], str):
        return exception.args[0]
    return ""


def forbidden(request, exception=None):
    return render(request, "403.html", {"message": _reason(exception)}, status=403)


def not_found(request, exception=None):
    return render(request, "404.html", {"message": _reason(exception)}, status=404)
