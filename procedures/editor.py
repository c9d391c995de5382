"""Staff-only endpoints behind the Markdown editor: live preview and picture upload."""

from pathlib import PurePath

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.html import format_html
from django.utils.text import slugify

from procedures.images import ImageRejected, web_image
from procedures.markdown import PICTURE_PLACEHOLDER, MarkdownRefused, render_markdown, too_long
from procedures.models import READING_GRADE_LIMIT
from procedures.readability import reading_grade

EDITOR_PERMISSIONS = ("procedures.change_procedure", "procedures.change_condition")


def require_editor(request) -> None:
    if not (request.user.is_staff and any(map(request.user.has_perm, EDITOR_PERMISSIONS))):
        raise PermissionDenied


@staff_member_required
def preview(request):
    """The editor's live preview, for the people who may edit pages."""
    require_editor(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return HttpResponse(preview_html(request.POST.get("content", "")))


def preview_html(text: str) -> str:
    """The live preview: the public renderer's HTML, then the text's reading grade.

    Text over the size limit, or too slow to render, gets a note instead of a preview.
    """
    problem = too_long(text)
    if problem is None:
        try:
            html = render_markdown(text)
        except MarkdownRefused as error:
            problem = str(error)
    if problem is not None:
        return format_html('<p class="preview-problem"><strong>{}</strong></p>', problem)
    if not html.strip():
        return html
    grade = reading_grade(html)
    verdict = "above the limit" if grade > READING_GRADE_LIMIT else "fine"
    note = f"Reading grade {grade:.1f} ({verdict}: aim for {READING_GRADE_LIMIT:g} or below)."
    return f'{html}\n<p class="reading-grade"><em>{note}</em></p>'


@login_required
def upload_image(request):
    """Store a picture dropped into the editor; answer as django-markdownx expects."""
    require_editor(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": ["Choose a picture to upload."]}, status=400)
    try:
        picture = web_image(upload)
    except ImageRejected as error:
        return JsonResponse({"image": [f"{upload.name} was not added. {error}"]}, status=400)
    # The chosen file's name stays in the stored one, so later messages can name it.
    stem = slugify(PurePath(upload.name).stem)[:40] or "picture"
    name = default_storage.save(f"markdownx/{stem}-{picture.name}", picture)
    # The editor replaces the placeholder; saving the page refuses it until then.
    return JsonResponse({"image_code": f"![{PICTURE_PLACEHOLDER}]({default_storage.url(name)})"})
