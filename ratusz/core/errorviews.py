from django.shortcuts import render


def forbidden(request, exception=None):
    message = str(exception) if exception else ""
    return render(request, "403.html", {"message": message}, status=403)


def not_found(request, exception=None):
    message = str(exception) if exception and not isinstance(exception.args[0:1], list) else ""
    return render(request, "404.html", {"message": message}, status=404)
