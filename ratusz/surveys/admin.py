from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin, ServiceRecordInline
from ratusz.surveys.models import Question, Survey


class QuestionInline(ServiceRecordInline):
    model = Question
    fields = ["position", "text", "kind", "required"]
    locked_fields = ("position", "kind")


@admin.register(Survey)
class SurveyAdmin(ServiceRecordAdmin):
    list_display = ["title", "status", "opens_on", "closes_on"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [QuestionInline]
    locked_fields = ("status", "published_at", "closed_at", "created_by")
