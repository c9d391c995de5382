"""Staff accounts in the admin: a filter for those that may not sign in for now (one
query for the whole list, not one per row), and an action that lifts the pause."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts import sign_in_pause

User = get_user_model()


class SignInFilter(admin.SimpleListFilter):
    title = "signing in"
    parameter_name = "sign_in"

    def lookups(self, request, model_admin):
        return [("paused", "Paused after failed tries")]

    def queryset(self, request, queryset):
        if self.value() != "paused":
            return queryset
        paused = sign_in_pause.paused_usernames(queryset.values_list("username", flat=True))
        return queryset.filter(username__in=paused)


admin.site.unregister(User)


@admin.register(User)
class StaffAccountAdmin(UserAdmin):
    list_filter = [SignInFilter, *UserAdmin.list_filter]
    actions = ["lift_pause"]

    @admin.action(
        description="Lift the sign-in pause of the selected accounts", permissions=["change"]
    )
    def lift_pause(self, request, queryset):
        usernames = list(queryset.values_list("username", flat=True))
        for username in usernames:
            sign_in_pause.lift(username)
        self.message_user(
            request, f"{len(usernames)} account(s) can sign in again.", messages.SUCCESS
        )
