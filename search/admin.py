"""Editors tune the search: synonyms, best bets, and what patients searched for in vain."""

from django.contrib import admin

from search.models import BestBet, MissedSearch, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ("words", "means")
    search_fields = ("words", "means")


@admin.register(BestBet)
class BestBetAdmin(admin.ModelAdmin):
    list_display = ("query", "entry")
    search_fields = ("query", "entry__title")
    list_select_related = ("entry",)


@admin.register(MissedSearch)
class MissedSearchAdmin(admin.ModelAdmin):
    """Read only: the counts are what patients did, not something to edit."""

    list_display = ("query", "day", "count")
    list_filter = ("day",)
    search_fields = ("query",)
    ordering = ("-day", "-count")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
